import { type NetworkMeasurements, nothingMeasured, scoreNetworkQuality, unmeasured } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { type ClientSession, mswMode, serverMode, sessionPerTest } from '../test-support/modes.js';

/** A GET through the official twilio client's own request helper (its transport, its credentials). */
async function get(session: ClientSession, path: string) {
  const response = await session.client.request({ method: 'get', uri: `${session.origin}${path}` });
  const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
  return { status: response.statusCode, headers: response.headers as Record<string, string>, body };
}

const lossyVideo: NetworkMeasurements = {
  ...nothingMeasured,
  video: { send: unmeasured, recv: { ...unmeasured, fractionLost: 0.3 } },
};

describe.each([mswMode, serverMode])(
  'GET /v1/Video/Rooms/{RoomSid}/Participants/{ParticipantSid}/NetworkQuality (a roomlab extension), $name',
  (mode) => {
    const session = sessionPerTest(mode);

    async function joined() {
      const { accountSid } = session.emulator.credentials;
      const room = await session.client.video.v1.rooms.create({ uniqueName: 'nq' });
      const alice = session.emulator.engine.connectParticipant(
        { accountSid, room: room.sid },
        { identity: 'alice' },
      );
      const ref = { accountSid, room: room.sid, participant: alice.sid };
      const path = `/v1/Video/Rooms/${room.sid}/Participants/${alice.sid}/NetworkQuality`;
      return { room, alice, ref, path };
    }

    it('answers null levels until the participant’s levels are known, marked as an extension', async () => {
      const { room, alice, path } = await joined();
      const answer = await get(session, path);
      expect(answer.status).toBe(200);
      expect(answer.headers['roomlab-extension']).toMatch(/^route/);
      expect(answer.body).toEqual({
        room_sid: room.sid,
        participant_sid: alice.sid,
        level: null,
        audio: { send: null, recv: null },
        video: { send: null, recv: null },
      });
    });

    it('answers the measured levels, and a forced level over them while it is forced', async () => {
      const { ref, path } = await joined();
      const { engine } = session.emulator;
      engine.reportNetworkQuality(ref, scoreNetworkQuality(lossyVideo));
      expect((await get(session, path)).body).toMatchObject({
        level: 1,
        audio: { send: 5, recv: 5 },
        video: { send: 5, recv: 1 },
      });
      engine.setNetworkQualityLevel(ref, 4);
      expect((await get(session, path)).body).toMatchObject({
        level: 4,
        audio: { send: 4, recv: 4 },
        video: { send: 4, recv: 4 },
      });
    });

    it('refuses unknown rooms and participants with 20404, as Twilio does', async () => {
      const { room, alice } = await joined();
      const unknownParticipant = `PA${'0'.repeat(32)}`;
      for (const path of [
        `/v1/Video/Rooms/RM${'0'.repeat(32)}/Participants/${alice.sid}/NetworkQuality`,
        `/v1/Video/Rooms/${room.sid}/Participants/${unknownParticipant}/NetworkQuality`,
      ]) {
        const answer = await get(session, path);
        expect([answer.status, answer.body.code]).toEqual([404, 20404]);
      }
    });
  },
);
