import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ParticipantLike, type RoomLike, roomStore } from './room-store.js';

class FakeParticipant extends EventEmitter implements ParticipantLike {
  constructor(
    readonly sid: string,
    readonly identity: string,
  ) {
    super();
  }
}

class FakeRoom extends EventEmitter implements RoomLike<FakeParticipant> {
  sid = 'RM1';
  name = 'standup';
  state = 'connected';
  participants = new Map<string, FakeParticipant>();
  localParticipant = new FakeParticipant('PA0', 'me');
  dominantSpeaker: FakeParticipant | null = null;
  isRecording = false;
  join(participant: FakeParticipant) {
    this.participants.set(participant.sid, participant);
    this.emit('participantConnected', participant);
  }
  leave(participant: FakeParticipant) {
    this.participants.delete(participant.sid);
    this.emit('participantDisconnected', participant);
  }
}

describe('roomStore', () => {
  it('is one store per room, listening once to the SDK however many readers it has', () => {
    const room = new FakeRoom();
    const store = roomStore(room);
    expect(roomStore(room)).toBe(store);
    const stops = [store.subscribe(() => {}), store.subscribe(() => {}), store.subscribe(() => {})];
    expect(room.listenerCount('participantConnected')).toBe(1);
    for (const stop of stops) stop();
    expect(room.eventNames()).toEqual([]);
  });

  it('keeps participants in join order, with a new array only when membership changes', () => {
    const room = new FakeRoom();
    const store = roomStore(room);
    let renders = 0;
    const stop = store.subscribe(() => renders++);
    const alice = new FakeParticipant('PA1', 'alice');
    const bob = new FakeParticipant('PA2', 'bob');
    room.join(alice);
    room.join(bob);
    const joined = store.getSnapshot().participants;
    expect(joined.map((p) => p.identity)).toEqual(['alice', 'bob']);
    room.emit('trackSubscribed', {}, {}, alice);
    expect(store.getSnapshot().participants).toBe(joined);
    expect(store.getSnapshot().version).toBeGreaterThan(0);
    room.leave(alice);
    expect(store.getSnapshot().participants.map((p) => p.identity)).toEqual(['bob']);
    expect(renders).toBe(4);
    stop();
  });

  it('follows room state with its error, the dominant speaker, recording, and reconnecting participants', () => {
    const room = new FakeRoom();
    const store = roomStore(room);
    const stop = store.subscribe(() => {});
    const alice = new FakeParticipant('PA1', 'alice');
    room.join(alice);
    room.dominantSpeaker = alice;
    room.emit('dominantSpeakerChanged', alice);
    room.isRecording = true;
    room.emit('recordingStarted');
    room.emit('participantReconnecting', alice);
    expect(store.getSnapshot()).toMatchObject({ dominantSpeaker: alice, isRecording: true });
    expect([...store.getSnapshot().reconnectingParticipants]).toEqual(['PA1']);
    room.state = 'reconnecting';
    room.emit('reconnecting', { code: 53001, message: 'Signaling connection disconnected' });
    expect(store.getSnapshot()).toMatchObject({ state: 'reconnecting', error: { code: 53001 } });
    room.state = 'disconnected';
    room.emit('disconnected', room, { code: 53118, message: 'Room completed' });
    expect(store.getSnapshot()).toMatchObject({ state: 'disconnected', error: { code: 53118 } });
    stop();
  });

  it('catches up with events it missed while nobody was listening', () => {
    const room = new FakeRoom();
    const store = roomStore(room);
    room.join(new FakeParticipant('PA1', 'alice'));
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot().participants.map((p) => p.identity)).toEqual(['alice']);
    stop();
  });
});
