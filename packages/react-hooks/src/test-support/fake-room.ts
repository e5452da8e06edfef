import { EventEmitter } from 'node:events';
import type { ParticipantLike, RoomLike } from '@roomlab/core';

/** Like a twilio-video participant, for what the room hooks read: identity, named tracks, publishing. */
export class FakeParticipant extends EventEmitter implements ParticipantLike {
  tracks = new Map<string, { trackName: string }>();
  published: unknown[] = [];
  constructor(
    readonly sid: string,
    readonly identity: string,
  ) {
    super();
  }
  async publishTrack(track: unknown) {
    this.published.push(track);
  }
  unpublishTrack(track: unknown) {
    this.published = this.published.filter((item) => item !== track);
  }
}

/** Behaves like a twilio-video Room for what the hooks read: properties, and events as the SDK emits them. */
export class FakeRoom extends EventEmitter implements RoomLike<FakeParticipant> {
  sid = 'RM1';
  name = 'standup';
  state = 'connected';
  participants = new Map<string, FakeParticipant>();
  localParticipant = new FakeParticipant('PA0', 'me');
  dominantSpeaker: FakeParticipant | null = null;
  isRecording = false;
  join(identity: string) {
    const participant = new FakeParticipant(`PA${this.participants.size + 1}`, identity);
    this.participants.set(participant.sid, participant);
    this.emit('participantConnected', participant);
    return participant;
  }
  leave(participant: FakeParticipant) {
    this.participants.delete(participant.sid);
    this.emit('participantDisconnected', participant);
  }
  /** The participant's signaling dropped (its page closed, its network went away): the SDK says so. */
  reconnecting(participant: FakeParticipant) {
    this.emit('participantReconnecting', participant);
  }
  reconnected(participant: FakeParticipant) {
    this.emit('participantReconnected', participant);
  }
  publish(participant: FakeParticipant, trackName: string) {
    const publication = { trackName };
    participant.tracks.set(trackName, publication);
    this.emit('trackPublished', publication, participant);
  }
  unpublish(participant: FakeParticipant, trackName: string) {
    const publication = participant.tracks.get(trackName);
    participant.tracks.delete(trackName);
    this.emit('trackUnpublished', publication, participant);
  }
  speak(participant: FakeParticipant | null) {
    this.dominantSpeaker = participant;
    this.emit('dominantSpeakerChanged', participant);
  }
}
