import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import { expect, it } from 'vitest';
import { createEmulator } from './emulator.js';
import { twilioHandlers } from './msw-handlers.js';
import { type InProcessTarget, MswConflictError, startInProcess, twilioHandlersWhile } from './msw-node.js';

const appServer = () => setupServer(http.get('https://api.example.com/ok', () => HttpResponse.json(true)));

it('refuses to start beside an msw server that already listens, and leaves that one working', async () => {
  const server = appServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    expect(() => startInProcess()).toThrow(MswConflictError);
    expect(await (await fetch('https://api.example.com/ok')).json()).toBe(true);
  } finally {
    server.close();
  }
});

it('twilioHandlersWhile answer from the target of the moment, and match nothing without one', async () => {
  const emulator = createEmulator();
  let target: InProcessTarget | undefined;
  const server = setupServer(...twilioHandlersWhile(() => target));
  server.listen({ onUnhandledRequest: 'error' });
  const rooms = () => fetch('https://video.twilio.com/v1/Rooms', { headers: { authorization: 'Basic x' } });
  try {
    await expect(rooms()).rejects.toThrow(/Cannot bypass a request/);
    target = { handle: emulator.handle, passes: () => false };
    expect((await rooms()).status).toBe(401);
  } finally {
    server.close();
    emulator.close();
  }
});

it('twilioHandlers answer through any Fetch handler, such as a wrapper of the emulator, with the body it was sent', async () => {
  const emulator = createEmulator();
  const wrapped = async (request: Request) => {
    const response = await emulator.handle(request);
    return new Response(response.body, { status: response.status, headers: { 'x-wrapped': 'yes' } });
  };
  const server = setupServer(...twilioHandlers(wrapped));
  server.listen({ onUnhandledRequest: 'error' });
  const { accountSid, authToken } = emulator.credentials;
  try {
    const response = await fetch('https://video.twilio.com/v1/Rooms', {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'UniqueName=wrapped',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-wrapped')).toBe('yes');
    expect((await response.json()).unique_name).toBe('wrapped');
  } finally {
    server.close();
    emulator.close();
  }
});

it('finds an older copy of @mswjs/interceptors by the name of its private global symbol, before and after it starts', async () => {
  // What interceptors before 0.38 leave on globalThis while they intercept fetch.
  const older = Symbol('fetch');
  const held = globalThis as Record<symbol, unknown>;
  held[older] = { apply() {}, dispose() {} };
  try {
    expect(() => startInProcess()).toThrow(/already intercepts/);
  } finally {
    delete held[older];
  }
  const { emulator, close } = startInProcess();
  const client = twilio(emulator.credentials.accountSid, emulator.credentials.authToken);
  try {
    held[older] = { apply() {}, dispose() {} };
    await expect(client.video.v1.rooms.create({ uniqueName: 'during' })).rejects.toThrow(/after roomlab's/);
    delete held[older];
    expect((await client.video.v1.rooms.create({ uniqueName: 'after' })).uniqueName).toBe('after');
  } finally {
    delete held[older];
    close();
  }
});

// Last: msw's shared interception source, once it has listened beside roomlab's, keeps handing its
// listeners to roomlab's (now closed) interceptors, so no later setupServer() in this process intercepts.
it('fails requests with MswConflictError while an msw server started after it listens', async () => {
  const { emulator, close } = startInProcess();
  const client = twilio(emulator.credentials.accountSid, emulator.credentials.authToken);
  try {
    const server = appServer();
    server.listen();
    await expect(fetch('https://api.example.com/ok')).rejects.toThrow(MswConflictError);
    server.close();
    expect((await client.video.v1.rooms.create({ uniqueName: 'after' })).uniqueName).toBe('after');
  } finally {
    close();
  }
});
