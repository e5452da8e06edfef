// Read from package.json (one level up from src/ and from dist/, and in the published package), so
// `changeset version` changes it with nothing else to edit. A JSON import works in Node 20.19+ without
// a warning and in bundlers (Vite bundles it into the browser entry).
import packageJson from '../package.json' with { type: 'json' };

/** This package's version, for /health and the CLI. */
export const version: string = packageJson.version;
