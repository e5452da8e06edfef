// The README's test files as jest runs them: jest's globals in place of the vitest import (as the
// testing README says). `typed` is the TypeScript a jest user writes (typechecked with the README's
// declaration of the matchers); `stripTypes` makes it plain JavaScript by the consumer's TypeScript.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const VITEST_MATCHERS = /^import '@roomlab\/testing\/vitest';.*\n/gm;

/** @param {string} code a vitest test file */
export const typedForJest = (code) =>
  code.replace(VITEST_MATCHERS, '').replaceAll(" from 'vitest';", " from '@jest/globals';");

/** @param {string} consumer the project whose typescript strips the types @param {string} code */
export function stripTypes(consumer, code) {
  const ts = createRequire(join(consumer, 'package.json'))('typescript');
  return ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}
