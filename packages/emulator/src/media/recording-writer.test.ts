import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, manualClock, memoryLogger } from '@roomlab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { opusSilence20ms } from '../recording-media/opus-packet.js';
import type { Sfu, TrackTap } from '../signaling/media/sfu.js';
import { diskMediaStorage } from './disk-media-storage.js';
import { mediaFiles } from './media-files.js';

/**
 * The recording writer with RTP from the SFU, into a fresh data directory: the directories a recording
 * goes into are made before its first frame is written, as a fresh emulator's data directory is empty.
 */
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roomlab-recording-writer-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** An SFU that only taps: each tapped track's RTP is sent by the test. */
function tappingSfu() {
  const taps = new Map<string, TrackTap>();
  const sfu: Pick<Sfu, 'tapTrack'> = {
    tapTrack(trackSid, tap) {
      taps.set(trackSid, tap);
      return () => taps.delete(trackSid);
    },
  };
  return { sfu: sfu as Sfu, taps };
}

describe('recording a track’s RTP into an empty data directory', () => {
  it('completes the recording, its file in the account’s recordings directory', async () => {
    const engine = createEngine({ clock: manualClock() });
    const account = engine.addAccount({});
    const { sfu, taps } = tappingSfu();
    const logger = memoryLogger();
    const storage = diskMediaStorage({ dataDir })({ engine, sfu, logger });
    const room = engine.createRoom({ accountSid: account.sid }, { recordParticipantsOnConnect: true });
    const roomRef = { accountSid: account.sid, room: room.sid };
    const alice = engine.connectParticipant(roomRef, { identity: 'alice' });
    const mic = engine.publishTrack({ ...roomRef, participant: alice.sid }, { kind: 'audio' });
    const opus = new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, payloadType: 111 });
    for (let i = 0; i < 100; i++) {
      const header = new RtpHeader({ sequenceNumber: i, timestamp: i * 960, payloadType: 111, ssrc: 1 });
      taps.get(mic.sid)?.(new RtpPacket(header, opusSilence20ms), opus);
      await new Promise((resolve) => setImmediate(resolve));
    }
    engine.completeRoom(roomRef);
    await storage.close();

    const [recording] = engine.listRecordings({ accountSid: account.sid });
    if (!recording) throw new Error('nothing was recorded');
    expect(recording).toMatchObject({ status: 'completed', codec: 'OPUS', duration: 2 });
    expect((await stat(mediaFiles(dataDir).recordingFile(recording))).size).toBe(recording.size);
    expect(logger.entries).toEqual([]);
  });
});
