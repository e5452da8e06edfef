// How long importing each roomlab entry takes, as a downstream test suite pays it once per test file
// (vitest and jest give each file a fresh module graph): the median over fresh Node processes of
// `await import(entry)`, timed inside the process, beside references measured in the same run, each in
// the same way: an empty start (`node -e ''`, its whole process), and `express` and `msw/node` alone.
//
// The runs are interleaved (each round imports every entry once, in turn), so a change in the machine's
// load falls on every entry alike. `node bench/import-times.mjs [--quick]` (needs the built packages);
// `node bench/run.mjs` runs it first.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median } from './median.mjs';
import { num, table } from './report.mjs';

const run = promisify(execFile);
const here = new URL('.', import.meta.url).pathname;

/** What is imported, with the references first. */
const entries = [
  { name: 'express', reference: true },
  { name: 'msw/node', reference: true },
  { name: 'werift', reference: true, note: 'the media stack, now loaded on first need' },
  { name: '@roomlab/core' },
  { name: '@roomlab/emulator' },
  { name: '@roomlab/emulator/msw' },
  { name: '@roomlab/testing' },
  {
    name: '@roomlab/testing, then startEmulator()',
    note: 'where its import cost went',
    timed: "await (await import('@roomlab/testing')).startEmulator()",
  },
];

/**
 * One fresh process (in the bench's directory) running `timed` (by default importing `name`): the ms it
 * took. What it gives is stopped afterwards if it can be (an emulator), so the process ends.
 */
async function importOnce(name, timed = `await import(${JSON.stringify(name)})`) {
  const script = `const t = performance.now(); const value = ${timed}; console.log(performance.now() - t); await value.stop?.();`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: here });
  return Number(stdout.trim());
}

/** One fresh process doing nothing: ms from spawn to exit, what Node's own start costs. */
async function emptyStart() {
  const start = performance.now();
  await run(process.execPath, ['-e', ''], { cwd: here });
  return performance.now() - start;
}

export async function benchImportTimes({ quick = false } = {}) {
  const rounds = quick ? 3 : 9;
  const times = new Map(entries.map(({ name }) => [name, []]));
  const empty = [];
  await importOnce('@roomlab/testing'); // warm the file system cache, not kept
  for (let round = 0; round < rounds; round++) {
    empty.push(await emptyStart());
    for (const { name, timed } of entries) times.get(name).push(await importOnce(name, timed));
  }
  const medians = new Map([...times].map(([name, values]) => [name, median(values)]));
  console.log(
    `0. Import time: \`await import(entry)\` in a fresh Node process, timed inside it; median of ${rounds}` +
      ` runs each, interleaved\n`,
  );
  table(
    ['import', 'median ms', 'min–max ms', '÷ express', '÷ msw/node'],
    [
      [
        "node -e '' (whole process)",
        num(median(empty)),
        `${num(Math.min(...empty))}–${num(Math.max(...empty))}`,
        '',
        '',
      ],
      ...entries.map(({ name, reference, note }) => {
        const values = times.get(name);
        const ms = medians.get(name);
        return [
          `${name}${reference ? ' (reference)' : ''}${note ? `: ${note}` : ''}`,
          num(ms),
          `${num(Math.min(...values))}–${num(Math.max(...values))}`,
          `${num(ms / medians.get('express'), 2)}×`,
          `${num(ms / medians.get('msw/node'), 2)}×`,
        ];
      }),
    ],
  );
  console.log(
    "\n   node -e '' is the whole empty process (spawn to exit), the start every import adds to; the other" +
      '\n   rows are the import alone. @roomlab/testing loads the emulator, msw and the twilio client when' +
      '\n   startEmulator() is first called (and msw when roomlabHandlers() is), not on import.',
  );
  return medians;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchImportTimes({ quick: process.argv.includes('--quick') });
}
