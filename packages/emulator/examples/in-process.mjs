// The official twilio client against roomlab in this process: msw answers https://video.twilio.com.
// Run it from packages/emulator after a build: node examples/in-process.mjs
import { startInProcess } from '@roomlab/emulator/msw';
import twilio from 'twilio';

const { emulator, close } = startInProcess();
const { accountSid, authToken } = emulator.credentials;
const client = twilio(accountSid, authToken);

const room = await client.video.v1.rooms.create({ uniqueName: 'standup', maxParticipants: 4 });
console.log(`created ${room.sid} (${room.type}, up to ${room.maxParticipants} participants)`);

const rooms = await client.video.v1.rooms.list({ status: 'in-progress' });
console.log(`in progress: ${rooms.map((r) => r.uniqueName).join(', ')}`);

await client.video.v1.rooms('standup').update({ status: 'completed' });
console.log(`completed: ${(await client.video.v1.rooms(room.sid).fetch()).status}`);
close();
