import { writeHeapSnapshot } from 'node:v8';
import { createEmulator, diskMediaStorage, createSfu } from '@roomlab/emulator';
import { accountFixture } from './memory.mjs';
const full = process.argv[2] === 'full';
const e = full ? createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage({}) }) : createEmulator();
await new Promise(r => setTimeout(r, 300)); gc(); const h0 = process.memoryUsage().heapUsed;
const A = Number(process.argv[3] ?? 3);
for (let a = 0; a < A; a++) {
  const r = await e.handle(new Request('http://127.0.0.1/_roomlab/seed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accounts: [accountFixture(a, 1000)] }) }));
  if (r.status !== 200) throw new Error(await r.text());
}
await new Promise(r => setTimeout(r, 2000));
gc();gc();
console.log(full, 'KB/room', (process.memoryUsage().heapUsed - h0) / 1000 / (A*1000));
if (process.argv[4]) console.log(writeHeapSnapshot(process.argv[4]));
process.exit(0);
