// The official twilio client against a roomlab server on a free loopback port.
// Run it from packages/emulator after a build: node examples/over-http.mjs
import { startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import twilio from 'twilio';

const server = await startServer({ port: 0 });
const { apiKeySid, apiKeySecret, accountSid } = server.emulator.credentials;
const client = twilio(apiKeySid, apiKeySecret, { accountSid, httpClient: emulatorHttpClient(server.url) });

const room = await client.video.v1.rooms.create({ uniqueName: 'over-http' });
console.log(`created ${room.sid} at ${room.url}`);

try {
  await client.video.v1.rooms.create({ uniqueName: 'over-http' });
} catch (error) {
  console.log(`second create refused: ${error.status} ${error.code}`);
}
await server.close();
