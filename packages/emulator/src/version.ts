/** This package's version, for /health and the CLI; a test keeps it equal to package.json's. */
export const version = '0.0.0';
