import { writeHeapSnapshot } from 'node:v8';
import { createEmulator, diskMediaStorage, createSfu } from '@roomlab/emulator';
import { accountFixture } from './memory.mjs';
const e = createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage({}) });
for (let a = 0; a < 2; a++) {
  const r = await e.handle(new Request('http://127.0.0.1/_roomlab/seed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accounts: [accountFixture(a, 1000)] }) }));
  if (r.status !== 200) throw new Error(await r.text());
}
globalThis.gc?.();
console.log(process.memoryUsage().heapUsed/1e6);
console.log(writeHeapSnapshot('/tmp/mem/a.heapsnapshot'));
process.exit(0);
