import {
  type Engine,
  isTwilioError,
  type Logger,
  type TrackPriority,
  TwilioError,
  trackPriorities,
} from '@roomlab/core';
import type { PublishedState } from './room-state-messages.js';
import type { Session } from './sessions.js';

/**
 * The client's own tracks and the engine's publications of them: the client says which tracks it
 * publishes (in `connect`, `update` and `sync`), the engine publishes, unpublishes, enables and disables
 * them, and the client is answered with the `published` state.
 */

/** A track as the client describes it, under the client's own id. */
export interface ClientTrack {
  id: string;
  kind: 'audio' | 'video' | 'data';
  name: string;
  enabled: boolean;
  priority: TrackPriority;
}

const maxTracks = 200;
const maxTrackIdLength = 256;

/** The client's track list, or undefined when it is not one. */
export function clientTracks(value: unknown): ClientTrack[] | undefined {
  if (!Array.isArray(value) || value.length > maxTracks) return undefined;
  const tracks: ClientTrack[] = [];
  for (const raw of value) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const track = raw as Record<string, unknown>;
    if (typeof track.id !== 'string' || track.id.length === 0 || track.id.length > maxTrackIdLength)
      return undefined;
    if (track.kind !== 'audio' && track.kind !== 'video' && track.kind !== 'data') return undefined;
    const priority = track.priority ?? 'standard';
    if (!trackPriorities.includes(priority as TrackPriority)) return undefined;
    tracks.push({
      id: track.id,
      kind: track.kind,
      name: typeof track.name === 'string' ? track.name : track.id,
      enabled: track.enabled !== false,
      priority: priority as TrackPriority,
    });
  }
  return tracks;
}

/** Brings the engine's publications of a participant in line with the tracks its client says it has. */
export function applyTracks(engine: Engine, session: Session, tracks: ClientTrack[], logger: Logger): void {
  const wanted = new Set(tracks.map((track) => track.id));
  for (const [id, outcome] of [...session.tracks]) {
    if (wanted.has(id)) continue;
    if (outcome.sid) engine.unpublishTrack({ ...session.ref, track: outcome.sid });
    session.tracks.delete(id);
  }
  for (const track of tracks) {
    const outcome = session.tracks.get(track.id);
    if (!outcome) session.tracks.set(track.id, publish(engine, session, track, logger));
    else if (outcome.sid) {
      engine.setTrackEnabled({ ...session.ref, track: outcome.sid }, track.enabled);
      engine.setTrackPriority({ ...session.ref, track: outcome.sid }, track.priority);
    }
  }
}

/** A refused publication is the client's answer for that track, not an error of the whole message. */
function publish(engine: Engine, session: Session, track: ClientTrack, logger: Logger) {
  try {
    const published = engine.publishTrack(session.ref, track);
    return { sid: published.sid };
  } catch (error) {
    if (!isTwilioError(error)) logger.error(`publishing track ${track.id} failed`, error);
    const failure = isTwilioError(error) ? error : new TwilioError(53300);
    return { error: { code: failure.code, message: failure.message } };
  }
}

/** The `published` state of the client's tracks, under the next revision. */
export function publishedState(session: Session): PublishedState {
  session.publishedRevision += 1;
  return {
    revision: session.publishedRevision,
    tracks: [...session.tracks].map(([id, outcome]) =>
      outcome.sid
        ? { id, sid: outcome.sid, state: 'ready' as const }
        : { id, state: 'failed' as const, error: outcome.error },
    ),
  };
}
