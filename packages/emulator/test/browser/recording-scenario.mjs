// Runs inside a network namespace made by sdk-recording.test.ts (the only place WebRTC may flow): roomlab
// with its media server and media storage on disk, a page with the real twilio-video bundle, and
// Chromium with a fake camera and microphone. A recorded room is driven through the official `twilio`
// client; the recordings and a grid composition are downloaded through `/Media` into
// ROOMLAB_MEDIA_OUT, for the test to check. Prints one JSON line with what the pages and the REST API said.
import { writeFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import { mintAccessToken } from '@roomlab/core';
import { poll, sleep, startScenario } from './scenario-setup.mjs';

const out = process.env.ROOMLAB_MEDIA_OUT ?? '';
const { pages, emulator, browser, rest, credentials } = await startScenario();
const { accountSid, authToken, apiKeySid, apiKeySecret } = credentials;

/** Page functions: cameras of their own, a join that notes the room's recording state and events. */
function installRecordingHelpers() {
  // The fake camera, its colours inverted through a canvas: another participant's picture.
  window.invertedCamera = async (width, height) => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width, height, frameRate: 15 } });
    const video = Object.assign(document.createElement('video'), { muted: true, srcObject: stream });
    await video.play();
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d');
    context.filter = 'invert(1)';
    const draw = () => {
      context.drawImage(video, 0, 0, width, height);
      video.requestVideoFrameCallback(draw);
    };
    video.requestVideoFrameCallback(draw);
    return new Twilio.Video.LocalVideoTrack(canvas.captureStream(15).getVideoTracks()[0]);
  };
  // Joins with a microphone and a camera (inverted or not), published at connect.
  window.joinRecorded = async (key, token, { camera, ...options }) => {
    const microphone = await Twilio.Video.createLocalAudioTrack();
    const video = camera.inverted
      ? await window.invertedCamera(camera.width, camera.height)
      : await Twilio.Video.createLocalVideoTrack({
          width: camera.width,
          height: camera.height,
          frameRate: 15,
        });
    const joined = await window.join(key, token, { ...options, tracks: [microphone, video] });
    const room = window.rooms[key];
    if (!room) return joined;
    joined.isRecordingAtConnect = room.isRecording;
    room.on('recordingStarted', () => window.log.push(`${key}:recordingStarted:${room.isRecording}`));
    room.on('recordingStopped', () => window.log.push(`${key}:recordingStopped:${room.isRecording}`));
    return joined;
  };
  // The size of a participant's camera as its SDK reads it, and the camera's track SID.
  window.cameraSize = (key) => {
    const [publication] = [...window.rooms[key].localParticipant.videoTracks.values()];
    return { ...publication.track.dimensions, trackSid: publication.trackSid };
  };
  window.isRecording = () =>
    Object.fromEntries(Object.entries(window.rooms).map(([key, room]) => [key, room.isRecording]));
}

const page = await browser.newPage();
await page.goto(pages.origin);
await page.evaluate(installRecordingHelpers);
const pageLog = () => page.evaluate(() => window.log);

/** One participant joins `room` from the page, with a microphone and `camera`, both published at connect. */
async function join(identity, room, camera) {
  const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
  const options = { wsServer: emulator.signalingUrl, name: room, camera };
  return page.evaluate(([key, jwt, opts]) => window.joinRecorded(key, jwt, opts), [identity, token, options]);
}

const cameraSizes = async (keys) =>
  Object.fromEntries(
    await Promise.all(keys.map(async (key) => [key, await page.evaluate((k) => window.cameraSize(k), key)])),
  );

/** Sets the room's recording rules; waits until each page has seen `event` (and isRecording follow). */
async function setRules(roomSid, type, event, identities) {
  await rest.video.v1.rooms(roomSid).recordingRules.update({ rules: [{ type, all: true }] });
  const log = await poll(
    pageLog,
    (seen) => identities.every((key) => seen.some((line) => line.startsWith(`${key}:${event}:`))),
    15_000,
  );
  return {
    events: log.filter((line) => line.includes(`:${event}:`)),
    isRecording: await page.evaluate(() => window.isRecording()),
  };
}

/** The room's recordings once none is processing, each with its file downloaded through `/Media`. */
async function finishedRecordings(roomSid) {
  const list = () => rest.video.v1.rooms(roomSid).recordings.list();
  const recordings = await poll(list, (all) => all.every((r) => r.status !== 'processing'), 30_000);
  const result = [];
  for (const recording of recordings) {
    const file = joinPath(out, `${recording.sid}.${recording.containerFormat}`);
    const bytes = await download(`/v1/Recordings/${recording.sid}/Media`, file);
    result.push({ ...recording.toJSON(), file, downloadedBytes: bytes });
  }
  return result;
}

/** GETs a `/Media` route (fetch follows its 302 to the expiring link) into `file`; returns its bytes. */
async function download(path, file) {
  const response = await fetch(emulator.url + path, {
    headers: { authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await writeFile(file, bytes);
  return bytes.length;
}

/** A grid of every video source with every audio source, rendered and downloaded. */
async function gridComposition(roomSid, format) {
  const created = await rest.video.v1.compositions.create({
    roomSid,
    videoLayout: { grid: { video_sources: ['*'] } },
    audioSources: ['*'],
    format,
  });
  const fetchIt = () => rest.video.v1.compositions(created.sid).fetch();
  const done = await poll(fetchIt, (c) => c.status === 'completed' || c.status === 'failed', 60_000);
  const file = joinPath(out, `${done.sid}.${format}`);
  const downloaded =
    done.status === 'completed' ? await download(`/v1/Compositions/${done.sid}/Media`, file) : 0;
  return { ...done.toJSON(), file, downloadedBytes: downloaded };
}

/** Both see each other's camera play. */
async function bothPlaying() {
  const playing = (videos) => videos.filter((video) => video.width > 0 && video.frames > 0).length >= 2;
  await poll(() => page.evaluate(() => window.videoStats()), playing, 30_000);
}

/** A VideoCodecs=H264 room, recorded, one participant for a moment. */
async function h264Recording() {
  const room = await rest.video.v1.rooms.create({
    uniqueName: 'recorded-h264',
    type: 'group',
    videoCodecs: ['H264'],
    recordParticipantsOnConnect: true,
  });
  const joined = await join('hana', 'recorded-h264', { width: 160, height: 120 });
  await sleep(3000);
  const camera = await cameraSizes(['hana']);
  await rest.video.v1.rooms(room.sid).update({ status: 'completed' });
  return { joined, camera: camera.hana, recordings: await finishedRecordings(room.sid) };
}

const result = { joined: [], log: [], error: null };
try {
  const room = await rest.video.v1.rooms.create({
    uniqueName: 'recorded',
    type: 'group',
    recordParticipantsOnConnect: true,
  });
  result.roomSid = room.sid;
  result.joined.push(await join('alice', 'recorded', { width: 320, height: 240 }));
  result.joined.push(await join('bob', 'recorded', { width: 160, height: 120, inverted: true }));
  await bothPlaying();
  await sleep(2000);
  result.stopped = await setRules(room.sid, 'exclude', 'recordingStopped', ['alice', 'bob']);
  await sleep(1000);
  result.started = await setRules(room.sid, 'include', 'recordingStarted', ['alice', 'bob']);
  await sleep(5000);
  result.cameras = await cameraSizes(['alice', 'bob']);
  await rest.video.v1.rooms(room.sid).update({ status: 'completed' });
  result.recordings = await finishedRecordings(room.sid);
  result.composition = await gridComposition(room.sid, 'mp4');
  result.h264 = await h264Recording();
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  result.log.push(...(await pageLog().catch((error) => [`page log unreadable: ${error}`])));
  console.log(JSON.stringify(result));
  await browser.close();
  await emulator.close();
  await pages.close();
}
