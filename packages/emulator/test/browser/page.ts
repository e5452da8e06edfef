// Runs in Chromium: msw's service worker answers Twilio's REST host from an emulator inside the page,
// and msw's WebSocket interception carries the real SDK's signaling to it.
import { mintAccessToken } from '@roomlab/core';
import type { Room } from 'twilio-video';
import { type Emulator, startInBrowser } from '../../src/browser.js';

interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

async function call(method: string, url: string, authorization: string, form?: string): Promise<Exchange> {
  const response = await fetch(url, {
    method,
    headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form,
  });
  return { method, url, status: response.status, body: await response.json() };
}

async function rest(emulator: Emulator): Promise<Exchange[]> {
  const { accountSid, authToken } = emulator.credentials;
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  const rooms = 'https://video.twilio.com/v1/Rooms';
  return [
    await call('POST', rooms, authorization, 'UniqueName=in-the-browser&MaxParticipants=3'),
    await call('GET', `${rooms}/in-the-browser`, authorization),
    await call('POST', rooms, authorization, 'UniqueName=in-the-browser'),
    await call('GET', `${rooms}?PageSize=1`, `Basic ${btoa(`${accountSid}:wrong`)}`),
  ];
}

const until = async (done: () => boolean) => {
  for (let tries = 0; tries < 100 && !done(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
};

/** Two SDK clients join a room with no `wsServer` option: the page's emulator is their Twilio. */
async function sdk(emulator: Emulator) {
  // The SDK keeps the WebSocket class it finds when first loaded: load it once msw intercepts sockets.
  const { connect } = await import('twilio-video');
  const { accountSid, authToken, apiKeySid, apiKeySecret } = emulator.credentials;
  const join = async (identity: string): Promise<Room> =>
    connect(
      await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: emulator.control.now() }),
      { name: 'in-page', tracks: [], insights: false, iceServers: [] },
    );
  const alice = await join('alice');
  const bob = await join('bob');
  await until(() => alice.participants.size === 1);
  const sees = (room: Room) => [...room.participants.values()].map((participant) => participant.identity);
  const seen = { aliceSees: sees(alice), bobSees: sees(bob) };
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  const room = 'https://video.twilio.com/v1/Rooms/in-page';
  const listed = await call('GET', `${room}/Participants?Status=connected`, authorization);
  let disconnected: number | undefined;
  alice.on('disconnected', (_room: Room, error?: { code: number }) => {
    disconnected = error?.code ?? 0;
  });
  const completed = await call('POST', room, authorization, 'Status=completed');
  await until(() => disconnected !== undefined);
  return {
    ...seen,
    listed: (listed.body as { participants: { identity: string }[] }).participants.map((p) => p.identity),
    completed: completed.status,
    disconnected,
  };
}

async function main() {
  const { emulator } = await startInBrowser({ sids: { seed: 'browser' } });
  const exchanges = await rest(emulator);
  return { exchanges, sdk: await sdk(emulator).catch((error: Error) => ({ error: error.message })) };
}

const target = window as unknown as { roomlabResult?: ReturnType<typeof main> };
target.roomlabResult = main();
