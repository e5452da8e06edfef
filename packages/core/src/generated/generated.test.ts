import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the generated resource types match the vendored spec (run `pnpm --filter @roomlab/core generate` after updating it)', async () => {
  const script = new URL('../../scripts/generate-types.mjs', import.meta.url);
  const run = promisify(execFile)(process.execPath, [script.pathname, '--check']);
  await expect(run).resolves.toBeDefined();
}, 60_000);
