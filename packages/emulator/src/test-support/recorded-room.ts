import { expect } from 'vitest';
import type { ClientSession } from './modes.js';

/** Waits until no recording of the room is processing any more. */
export async function recordingsFinished(session: ClientSession, roomSid: string): Promise<void> {
  const { accountSid } = session.emulator.credentials;
  const pending = () =>
    session.emulator.engine.listRecordings({ accountSid }, { roomSid, status: 'processing' }).length;
  await expect.poll(pending, { timeout: 20_000, interval: 50 }).toBe(0);
}

/** A room created over REST that records participants on connect, with alice connected to it. */
export async function roomRecordingAlice(session: ClientSession, uniqueName: string) {
  const { accountSid } = session.emulator.credentials;
  const room = await session.client.video.v1.rooms.create({ uniqueName, recordParticipantsOnConnect: true });
  const roomRef = { accountSid, room: room.sid };
  const alice = session.emulator.engine.connectParticipant(roomRef, { identity: 'alice' });
  return { room, roomRef, alice };
}

/** A recorded room: alice with a microphone and a camera for 3 s, bob with a microphone from 1 s on. */
export async function recordedRoom(session: ClientSession) {
  const { engine } = session.emulator;
  const { room, roomRef, alice } = await roomRecordingAlice(session, 'recorded');
  const mic = engine.publishTrack(
    { ...roomRef, participant: alice.sid },
    { kind: 'audio', name: 'alice-mic' },
  );
  const camera = engine.publishTrack(
    { ...roomRef, participant: alice.sid },
    { kind: 'video', name: 'alice-camera' },
  );
  session.clock.advance(1000);
  const bob = engine.connectParticipant(roomRef, { identity: 'bob' });
  const bobMic = engine.publishTrack(
    { ...roomRef, participant: bob.sid },
    { kind: 'audio', name: 'bob-mic' },
  );
  session.clock.advance(2000);
  await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
  await recordingsFinished(session, room.sid);
  return { room, alice, bob, mic, camera, bobMic };
}

/** GET a `/Media` route with the account's credentials, without following the redirect. */
export async function mediaRoute(session: ClientSession, path: string): Promise<Response> {
  const { accountSid, authToken } = session.emulator.credentials;
  return fetch(session.origin + path, {
    redirect: 'manual',
    headers: { authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
  });
}
