import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as core from './index.js';

/** The README's first example, run as written (its import becomes this package's index). */
it('runs the README engine example and prints what its comments say', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const body = example.replace(/import \{([^}]*)\} from '@roomlab\/core';/, 'const {$1} = core;');
  const printed: unknown[][] = [];
  const run = new Function('core', 'console', body) as (c: typeof core, log: Pick<Console, 'log'>) => void;
  run(core, { log: (...values: unknown[]) => printed.push(values) });
  expect(printed).toEqual([
    [1, 'room-created'],
    [2, 'participant-connected'],
    [3, 'track-added'],
    [4, 'track-removed'],
    [5, 'participant-disconnected'],
    [6, 'room-ended'],
    ['completed'],
  ]);
});
