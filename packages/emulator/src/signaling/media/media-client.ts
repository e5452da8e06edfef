import type { NetworkConditions, VideoCodec } from '@roomlab/core';

/** What the SFU needs from the signaling side of one client. */
export interface MediaClient {
  /** Sends a room-signaling body to this client. */
  send(body: Record<string, unknown>): void;
  /** The MT SID the client's track id was published under. */
  trackSidOf(clientTrackId: string): string | undefined;
  /** The room this client is in. */
  roomSid: string;
  /** The network quality levels to report to it now: its own, and each other participant's in its room. */
  networkQuality(): { local: number; remotes: { sid: string; level: number }[] };
  /** Media-signaling features the client asked for in its connect (`active_speaker`, `network_quality`). */
  features: ReadonlySet<string>;
  /** Its room's VideoCodecs: the only video codecs the SFU takes from it and sends it (unset: VP8). */
  videoCodecs?: readonly VideoCodec[];
  /** How a test impaired this participant's network path now (null: not at all); read when it changes. */
  networkConditions?(): NetworkConditions | null;
}
