// Runs inside a network namespace made by sdk-insights.test.ts: roomlab with its media server, a page
// with the real twilio-video bundle, and Chromium with a fake camera and microphone. Alice and bob join
// a room (made by their connect), see each other's video, bob leaves, and the room is completed over
// REST; then the same in an H.264 room made over REST. Prints one JSON line with what the pages saw and
// what Video Insights says of it, read with the official twilio client.
import { mintAccessToken } from '@roomlab/core';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import twilio from 'twilio';
import { openSdkPage, poll, sleep } from './sdk-scenario.mjs';

const { page, emulator, close } = await openSdkPage();
const { accountSid, apiKeySid, apiKeySecret, authToken } = emulator.emulator.credentials;
const rest = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
const result = { error: null, rooms: {} };

/** The room's Insights summary and its participants' (plain JSON, as the client read them). */
async function summaries(roomSid) {
  const room = await rest.insights.v1.rooms(roomSid).fetch();
  const participants = await rest.insights.v1.rooms(roomSid).participants.list();
  return { room: room.toJSON(), participants: participants.map((participant) => participant.toJSON()) };
}

async function scenario() {
  result.sdkVersion = await page.evaluate(() => Twilio.Video.version);
  result.userAgent = await page.evaluate(() => navigator.userAgent);
  const join = async (key, identity, name) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    const joined = await page.evaluate(
      ([k, jwt, ws, room]) =>
        window.join(k, jwt, {
          wsServer: ws,
          name: room,
          audio: true,
          video: { width: 160, height: 120, frameRate: 15 },
        }),
      [key, token, emulator.signalingUrl, name],
    );
    if (joined.error) throw new Error(`${key} could not join ${name}: ${joined.error} ${joined.message}`);
    return { ...joined, at: Date.now() };
  };
  /** Both see each other's video painted: media flowed both ways through the SFU. */
  const bothPlaying = (keys) =>
    poll(
      () => page.evaluate(() => window.videoStats()),
      (videos) => keys.every((key) => videos.some((video) => video.key === key && video.frames > 0)),
      45_000,
    );
  const leave = (key) => page.evaluate((k) => window.rooms[k].disconnect(), key);

  const run = async (label, name, keys) => {
    const [first, second] = [await join(keys[0], 'alice', name), await join(keys[1], 'bob', name)];
    await bothPlaying(keys);
    await sleep(2000);
    await leave(keys[1]);
    const bobLeftAt = Date.now();
    // Alice stays on alone for a while, so her time in the room is longer than bob's.
    await sleep(3000);
    await rest.video.v1.rooms(first.sid).update({ status: 'completed' });
    await poll(
      () => page.evaluate((k) => window.rooms[k].state, keys[0]),
      (state) => state === 'disconnected',
      10_000,
    );
    result.rooms[label] = {
      sid: first.sid,
      alice: first.participantSid,
      bob: second.participantSid,
      // Whole seconds bob was in, as the test saw it from outside (join resolved to disconnect called).
      bobSecondsSeen: Math.round((bobLeftAt - second.at) / 1000),
      ...(await summaries(first.sid)),
    };
  };

  // A room the SDK made by connecting to a new name (ad hoc), in the default codecs (VP8, Opus).
  await run('adHoc', 'insights-review', ['alice', 'bob']);
  // A room made over REST for H.264 only.
  await rest.video.v1.rooms.create({ uniqueName: 'insights-h264', type: 'group', videoCodecs: ['H264'] });
  await run('h264', 'insights-h264', ['alice-h264', 'bob-h264']);
}

await scenario().catch((error) => {
  result.error = String(error?.stack ?? error);
});
console.log(JSON.stringify(result));
await close();
