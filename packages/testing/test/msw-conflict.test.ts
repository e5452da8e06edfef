// Two msw servers in one process: roomlab's own and the app's fail with an error that names the fix.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { expect, test } from 'vitest';
import { startEmulator } from '../src/index.js';

const fix = /startEmulator\(\{ msw: server \}\)/;
const appServer = () =>
  setupServer(http.get('https://api.example.com/user', () => HttpResponse.json({ name: 'ada' })));
const user = () => fetch('https://api.example.com/user').then((response) => response.json());

test('the app’s server listens first: startEmulator() refuses to start a second one, and names the fix', async () => {
  const server = appServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await expect(startEmulator()).rejects.toThrow(fix);
    expect(await user()).toEqual({ name: 'ada' });
  } finally {
    server.close();
  }
});

test('the app’s server listens after roomlab’s: requests fail with the fix, and work again once it closes', async () => {
  const roomlab = await startEmulator();
  try {
    const server = appServer();
    server.listen({ onUnhandledRequest: 'error' });
    await expect(roomlab.client.video.v1.rooms.create({ uniqueName: 'a' })).rejects.toThrow(fix);
    await expect(user()).rejects.toThrow(fix);
    server.close();
    expect((await roomlab.client.video.v1.rooms.create({ uniqueName: 'b' })).uniqueName).toBe('b');
  } finally {
    await roomlab.stop();
  }
  // Nothing of roomlab's is left intercepting: another emulator starts.
  const next = await startEmulator();
  expect((await next.client.video.v1.rooms.create({ uniqueName: 'c' })).uniqueName).toBe('c');
  await next.stop();
});

test('two in-process emulators at once: the second one says to stop the first', async () => {
  const first = await startEmulator();
  try {
    await expect(startEmulator()).rejects.toThrow(/another in-process emulator .* stop\(\) it first/);
  } finally {
    await first.stop();
  }
});
