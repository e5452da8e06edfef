import { refreshSource } from '@roomlab/core';

/** What publishing needs of a twilio-video LocalParticipant (tracks are the SDK's, hence `never`). */
export interface PublishingParticipant {
  publishTrack(track: never, options?: never): Promise<unknown>;
  unpublishTrack(track: never): unknown;
}

/**
 * Unpublishes a local track and tells every hook reading the participant: the SDK's LocalParticipant
 * emits no event when one of its own tracks is unpublished. Call this instead of `unpublishTrack`.
 */
export function unpublishLocalTrack(participant: PublishingParticipant, track: unknown): void {
  participant.unpublishTrack(track as never);
  refreshSource(participant);
}
