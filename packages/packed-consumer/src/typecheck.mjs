// Typechecks the consumer's example files as a user's strict project does, with skipLibCheck off so that
// roomlab's own .d.ts files are checked too. Errors inside other packages' .d.ts files (twilio's, werift's
// untyped dependencies) are theirs, not the tarballs': a user meets them only with skipLibCheck off.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ERROR_LINE = /^(\S+)\(\d+,\d+\): error TS\d+:/;

/** The error lines of tsc's output that are in the examples or in roomlab's packages. @param {string} output */
export function ownErrors(output) {
  return output.split('\n').filter((line) => {
    const file = ERROR_LINE.exec(line)?.[1];
    return (
      file !== undefined &&
      (!file.includes('node_modules/') || /node_modules\/@roomlab\/[^/]+\/(?!node_modules)/.test(file))
    );
  });
}

/** @param {string} consumer @param {string} tsconfig @returns {Promise<void>} */
export function typecheck(consumer, tsconfig) {
  const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', tsconfig],
      { cwd: consumer, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        const errors = ownErrors(stdout);
        // tsc exits 2 for the errors not counted too; any other failure (no output at all) is one.
        if (errors.length > 0) reject(new Error(`tsc -p ${tsconfig} in ${consumer}:\n${errors.join('\n')}`));
        else if (error && !stdout) reject(error);
        else resolve();
      },
    );
  });
}
