import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** Each "This is `test/….ts`" in the README, with the code block after it. */
const shown = [...file('README.md').matchAll(/This is `(test\/[\w.-]+\.ts)`[^`]*```ts\n([\s\S]*?)```/g)];

it('shows each example file of the README as it is, but for the file’s opening comment', () => {
  expect(shown.map(([, path]) => path)).toEqual([
    'test/readme.test.ts',
    'test/readme-media.test.ts',
    'test/readme-network.test.ts',
    'test/readme-msw.test.ts',
    'test/readme-tokens.test.ts',
    'test/readme-insights.test.ts',
  ]);
  for (const [, path = '', code] of shown) expect(code).toBe(file(path).replace(/^(\/\/.*\n)+/, ''));
});
