// startEmulator({ msw: server }) under jest: roomlab's handlers join the app's own msw server (the
// emulator and msw load as it starts, through jest's ESM loader).

import { startEmulator } from '@roomlab/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

test("roomlab answers Twilio through the app's msw server, which still answers the app's API", async () => {
  const server = setupServer(
    http.get('https://api.example.com/user', () => HttpResponse.json({ name: 'ada' })),
  );
  server.listen({ onUnhandledRequest: 'error' });
  const roomlab = await startEmulator({ msw: server });
  try {
    const room = await roomlab.client.video.v1.rooms.create({ uniqueName: 'under-jest' });
    expect(room.uniqueName).toBe('under-jest');
    expect(await (await fetch('https://api.example.com/user')).json()).toEqual({ name: 'ada' });
  } finally {
    await roomlab.stop();
    server.close();
  }
});
