// The README's test files as jest runs them: jest's globals in place of the vitest import (as the
// testing README says), types stripped by the consumer's own TypeScript, plain ESM.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const VITEST_IMPORT = /^import [^;]*from 'vitest';\n|^import '@roomlab\/testing\/vitest';.*\n/gm;

/** @param {string} consumer the project whose typescript strips the types @param {string} code */
export function forJest(consumer, code) {
  const ts = createRequire(join(consumer, 'package.json'))('typescript');
  const { outputText } = ts.transpileModule(code.replace(VITEST_IMPORT, ''), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return outputText;
}
