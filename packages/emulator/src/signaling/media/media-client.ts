import type {
  DetectedCodec,
  NetworkConditions,
  NetworkMeasurements,
  TrackPriority,
  TrackSwitch,
  VideoCodec,
} from '@roomlab/core';
import type { VideoBandwidthProfile } from './bandwidth-profile.js';

/** What the SFU needs from the signaling side of one client. */
export interface MediaClient {
  /** Sends a room-signaling body to this client. */
  send(body: Record<string, unknown>): void;
  /** The MT SID the client's track id was published under. */
  trackSidOf(clientTrackId: string): string | undefined;
  /** The room this client is in. */
  roomSid: string;
  /**
   * The answer to the client's `network_quality` report (`report` is the message as it came): its own
   * levels and the others', at the verbosity it asked for. Undefined: the report was broken, no answer.
   */
  networkQuality(report: unknown): Record<string, unknown> | undefined;
  /** Takes the media server's own measurements of the client's path, about once a second (unset: not measured). */
  measured?(measured: NetworkMeasurements): void;
  /** Media-signaling features the client asked for in its connect (`active_speaker`, `network_quality`). */
  features: ReadonlySet<string>;
  /** Its room's dominant speaker now, as the engine holds it (unset: never told one). */
  dominantSpeaker?(): string | null;
  /** Its room's VideoCodecs: the only video codecs the SFU takes from it and sends it (unset: VP8). */
  videoCodecs?: readonly VideoCodec[];
  /** How a test impaired this participant's network path now (null: not at all); read when it changes. */
  networkConditions?(): NetworkConditions | null;
  /*
   * For switch-off (switch-off.ts); a client without them (the SFU's own tests) has no profile, every
   * track at standard priority, an unlimited path, and its switches go unlogged.
   */
  /** Its participant SID. */
  participantSid?: string;
  /** The publish priority of a track in its room (undefined: not published, or gone). */
  publishPriorityOf?(trackSid: string): TrackPriority | undefined;
  /** Its video bandwidth profile now: its own, else its account's default; undefined: none applies. */
  bandwidthProfile?(): VideoBandwidthProfile | undefined;
  /**
   * Bits per second its path carries now, when limited (an impaired network); undefined: unlimited.
   * Tracks that do not fit are switched off, lowest priority first.
   */
  availableBitrate?(): number | undefined;
  /** Logs that one of its tracks was switched off or on, and why (the engine's event log). */
  recordTrackSwitch?(change: TrackSwitch): void;
  /** Its media arrives in this codec (told again when the codec changes; kept for Video Insights). */
  codecDetected?(codec: DetectedCodec): void;
  /**
   * The media of one of its audio or video tracks reached the SFU: first, or again on a new connection.
   * What listens to a track's media (the dominant speaker) starts here, not when the track is published.
   */
  mediaArrived?(trackSid: string, kind: 'audio' | 'video'): void;
}
