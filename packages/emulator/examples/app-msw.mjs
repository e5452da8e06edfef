// An app that mocks its other APIs with msw: roomlab's handlers go into the app's own server.
// Run it from packages/emulator after a build: node examples/app-msw.mjs
import { createEmulator, twilioHandlers } from '@roomlab/emulator';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';

const emulator = createEmulator();
const server = setupServer(
  http.get('https://api.example.com/plan', () => HttpResponse.json({ maxParticipants: 4 })),
  ...twilioHandlers(emulator.handle), // initial handlers: resetHandlers() keeps them
);
server.listen({ onUnhandledRequest: 'error' });

const plan = await (await fetch('https://api.example.com/plan')).json();
const client = twilio(emulator.credentials.accountSid, emulator.credentials.authToken);
const room = await client.video.v1.rooms.create({ uniqueName: 'standup', ...plan });
console.log(`created ${room.uniqueName}, up to ${room.maxParticipants} participants`);

server.resetHandlers(); // as an afterEach does
const rooms = await client.video.v1.rooms.list({ status: 'in-progress' });
console.log(`after resetHandlers: ${rooms.map((r) => r.uniqueName).join(', ')}`);

server.close();
emulator.close();
