import type { RtpPacket } from 'werift';
import type { PublishedMediaTrack } from './published-tracks.js';

/**
 * What each published video track takes, in bits per second, measured from the RTP the SFU receives
 * (so the same for every subscriber it is forwarded to). The meter listens from the first time it is
 * asked; it is the publication's listener and goes with it (published-tracks.ts forgets both at once).
 */

/** What a track is taken to need before a second of it has been measured: a small camera's bitrate. */
export const estimatedVideoBitrate = 150_000;

/** Measurements over windows of this length: long enough to smooth out keyframes. */
const windowMs = 2000;

interface Meter {
  windowStart: number;
  bytes: number;
  /** The last full window's rate; undefined until one has passed. */
  rate: number | undefined;
}

const meters = new WeakMap<PublishedMediaTrack, Meter>();

function meterOf(publication: PublishedMediaTrack, now: () => number): Meter {
  const known = meters.get(publication);
  if (known) return known;
  const meter: Meter = { windowStart: now(), bytes: 0, rate: undefined };
  publication.listeners.add((rtp: RtpPacket) => {
    roll(meter, now());
    meter.bytes += rtp.serializeSize;
  });
  meters.set(publication, meter);
  return meter;
}

/** Closes the window when it is over (also when no packet came: a silent track measures 0). */
function roll(meter: Meter, at: number) {
  const elapsed = at - meter.windowStart;
  if (elapsed < windowMs) return;
  meter.rate = (meter.bytes * 8 * 1000) / elapsed;
  meter.windowStart = at;
  meter.bytes = 0;
}

/** The track's bitrate: measured over the last full window, else the estimate. */
export function bitrateOf(publication: PublishedMediaTrack, now: () => number = Date.now): number {
  const meter = meterOf(publication, now);
  roll(meter, now());
  return meter.rate ?? estimatedVideoBitrate;
}
