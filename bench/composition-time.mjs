// 4. How long a two-person grid composition takes, as a multiple of real time.
//
// An emulator in this process with its disk media storage; a group room that records on connect, with
// two participants (alice and bob) each publishing a microphone and a camera through the engine, for
// `seconds` of the emulator's clock (moved forward, not waited for). Those participants send no media,
// so their recordings are what roomlab writes for such tracks: Opus silence and a moving VP8 test
// pattern, 640x480 at 25 fps, of the recorded length.
//
// Each composition goes through the REST API as an app sends it (POST /v1/Compositions with the room,
// a grid of every video source, every audio source, 640x480, the format) and is timed from the POST
// until GET /v1/Compositions/{Sid} says `completed`. The reference, in the same run: ffmpeg alone
// transcoding one participant's recordings (its video and its audio, downloaded through /Media) to the
// same codecs with the same encoder settings, and nothing else: no layout, no scaling, no mix.
// The encoder settings come from roomlab's built ffmpeg-arguments.js (an internal module, imported by
// its path in packages/emulator/dist), so the reference follows them if they change.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createEmulator, diskMediaStorage } from '@roomlab/emulator';
import { ffmpegArguments } from '../packages/emulator/dist/compositions/render/ffmpeg-arguments.js';
import { restClient } from './rest.mjs';

const grid = JSON.stringify({ grid: { video_sources: ['*'] } });

async function timed(work) {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

/** A completed room of two participants with a microphone and a camera each, recorded for `seconds`. */
async function recordedRoom(emulator, rest, seconds) {
  const room = await rest.json('POST', '/v1/Rooms', {
    Type: 'group',
    UniqueName: 'composition-bench',
    RecordParticipantsOnConnect: 'true',
  });
  const roomRef = { accountSid: emulator.credentials.accountSid, room: room.sid };
  for (const identity of ['alice', 'bob']) {
    const participant = emulator.engine.connectParticipant(roomRef, { identity });
    for (const kind of ['audio', 'video'])
      emulator.engine.publishTrack(
        { ...roomRef, participant: participant.sid },
        { kind, name: `${identity}-${kind}` },
      );
  }
  emulator.control.advanceClock(seconds * 1000);
  await rest.json('POST', `/v1/Rooms/${room.sid}`, { Status: 'completed' });
  return room;
}

/** Asks `fetch()` every 50 ms until `done(answer)`; answers the last answer. */
async function poll(fetch, done) {
  for (;;) {
    const answer = await fetch();
    if (done(answer)) return answer;
    await sleep(50);
  }
}

async function compose(rest, roomSid, format, seconds) {
  const created = await rest.json('POST', '/v1/Compositions', {
    RoomSid: roomSid,
    VideoLayout: grid,
    AudioSources: '*',
    Resolution: '640x480',
    Format: format,
  });
  const done = await poll(
    () => rest.json('GET', `/v1/Compositions/${created.sid}`),
    ({ status }) => status !== 'enqueued' && status !== 'processing',
  );
  if (done.status !== 'completed' || done.duration !== seconds)
    throw new Error(`composition ${created.sid}: ${done.status}, ${done.duration} s (expected ${seconds} s)`);
  return done;
}

/**
 * ffmpeg alone: one participant's video and audio to `format`'s codecs, with the encoder and muxer
 * arguments a composition gets. They are read from roomlab's own ffmpeg command line, built for a plan
 * with no layout and no audio (so no filter graph): what follows its empty `-filter_complex` is the
 * encoders, `-t`, the muxer and the output.
 */
function transcode(ffmpeg, inputs, format, output, seconds) {
  const plan = { inputs: [], video: undefined, audio: [], durationMs: seconds * 1000, format };
  const composed = ffmpegArguments(plan, output);
  const encoding = composed.slice(composed.indexOf('-filter_complex') + 2);
  return promisify(execFile)(ffmpeg, [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...inputs.flatMap((input) => ['-i', input]),
    ...encoding,
  ]);
}

export async function benchComposition({ ffmpeg, seconds, formats, repeats }) {
  const scratch = await mkdtemp(join(tmpdir(), 'roomlab-bench-composition-'));
  const emulator = createEmulator({ mediaStorage: diskMediaStorage() });
  const rest = restClient(emulator);
  try {
    const room = await recordedRoom(emulator, rest, seconds);
    // The room's four recordings: their files are written once the room has ended.
    const recordings = await timed(() =>
      poll(
        () => rest.json('GET', `/v1/Rooms/${room.sid}/Recordings`),
        (page) => page.recordings.every((recording) => recording.status !== 'processing'),
      ),
    );
    const made = recordings.result.recordings;
    if (made.length !== 4 || made.some((recording) => recording.status !== 'completed'))
      throw new Error(`the room's recordings: ${made.map((recording) => recording.status).join(', ')}`);
    const alice = made.filter((recording) => recording.track_name.startsWith('alice-'));
    const inputs = [];
    for (const recording of alice) {
      const file = join(scratch, `${recording.sid}.${recording.container_format}`);
      await writeFile(file, await rest.media(`/v1/Recordings/${recording.sid}/Media`));
      inputs.push(file);
    }
    const rows = [];
    for (const format of formats) {
      const reference = [];
      const composition = [];
      // Alternated, so that other work on the machine falls on both alike; the fastest of each counts.
      for (let i = 0; i < repeats; i++) {
        const output = join(scratch, `reference.${format}`);
        reference.push((await timed(() => transcode(ffmpeg, inputs, format, output, seconds))).seconds);
        composition.push((await timed(() => compose(rest, room.sid, format, seconds))).seconds);
      }
      rows.push({ format, reference: Math.min(...reference), composition: Math.min(...composition) });
    }
    return { recordingsSeconds: recordings.seconds, rows };
  } finally {
    emulator.close();
    await emulator.mediaStorage.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
