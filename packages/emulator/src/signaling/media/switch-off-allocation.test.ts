import type { TrackPriority } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import type { VideoBandwidthProfile } from './bandwidth-profile.js';
import { type AllocationTrack, allocate } from './switch-off-allocation.js';

const track = (
  sid: string,
  publisher: string,
  publishPriority: TrackPriority,
  more: Partial<AllocationTrack> = {},
) => ({
  sid,
  publisher,
  publishPriority,
  bitrate: 300_000,
  switchedOffByClient: false,
  ...more,
});

const onOff = (
  tracks: AllocationTrack[],
  profile: VideoBandwidthProfile | undefined,
  more: { dominantSpeaker?: string; availableBitrate?: number } = {},
) =>
  Object.fromEntries(
    [
      ...allocate({
        tracks,
        profile,
        dominantSpeaker: more.dominantSpeaker,
        availableBitrate: more.availableBitrate,
      }),
    ].map(([sid, { on, reason }]) => [sid, on ? 'on' : reason]),
  );

describe('switch-off allocation', () => {
  it('keeps every track on without a profile, except those the subscriber switched off', () => {
    const tracks = [track('MTa', 'PAa', 'low'), track('MTb', 'PAb', 'high', { switchedOffByClient: true })];
    expect(onOff(tracks, undefined)).toEqual({ MTa: 'on', MTb: 'manual' });
  });

  it('switches off the lowest priority first when the bitrate cap is reached, keeping what fits', () => {
    const tracks = [
      track('MTlow', 'PAa', 'low'),
      track('MThigh', 'PAb', 'high'),
      track('MTstd', 'PAc', 'standard'),
    ];
    expect(onOff(tracks, { maxSubscriptionBitrate: 700_000 })).toEqual({
      MThigh: 'on',
      MTstd: 'on',
      MTlow: 'bitrate-cap',
    });
  });

  it('keeps one track on under any cap (Twilio: maxSubscriptionBitrate 400 leaves one on)', () => {
    const tracks = [track('MTa', 'PAa', 'standard'), track('MTb', 'PAb', 'high')];
    expect(onOff(tracks, { maxSubscriptionBitrate: 400 })).toEqual({ MTb: 'on', MTa: 'bitrate-cap' });
  });

  it('keeps no lower track on once a higher one did not fit, even if the lower one is smaller', () => {
    const tracks = [
      track('MTbig', 'PAa', 'high'),
      track('MTmid', 'PAb', 'standard'),
      track('MTsmall', 'PAc', 'low', { bitrate: 10_000 }),
    ];
    expect(onOff(tracks, { maxSubscriptionBitrate: 500_000 })).toEqual({
      MTbig: 'on',
      MTmid: 'bitrate-cap',
      MTsmall: 'bitrate-cap',
    });
  });

  it('keeps maxTracks on, and the subscriber’s own priority overrides the publisher’s', () => {
    const tracks = [
      track('MTa', 'PAa', 'high'),
      track('MTb', 'PAb', 'low', { subscribePriority: 'high' }),
      track('MTc', 'PAc', 'standard'),
    ];
    expect(onOff(tracks, { maxTracks: 2 })).toEqual({ MTa: 'on', MTb: 'on', MTc: 'max-tracks' });
    expect(
      onOff([track('MTa', 'PAa', 'high'), track('MTb', 'PAb', 'high', { subscribePriority: 'low' })], {
        maxTracks: 1,
      }),
    ).toEqual({ MTa: 'on', MTb: 'max-tracks' });
  });

  it('raises the dominant speaker to dominantSpeakerPriority, never lowers it, and prefers it on a tie', () => {
    /** Passive and dominant publish priorities, dominantSpeakerPriority, and which of the two stays on. */
    const cases: [TrackPriority, TrackPriority, TrackPriority, 'passive' | 'dom'][] = [
      ['standard', 'low', 'high', 'dom'], // raised above the passive speaker
      ['high', 'high', 'low', 'dom'], // a tie goes to the dominant speaker
      ['high', 'standard', 'low', 'passive'], // never lowered, never raised past its own
    ];
    for (const [passive, dominant, dominantSpeakerPriority, kept] of cases) {
      const tracks = [track('MTpassive', 'PApassive', passive), track('MTdom', 'PAdom', dominant)];
      const allocated = onOff(
        tracks,
        { maxTracks: 1, dominantSpeakerPriority },
        { dominantSpeaker: 'PAdom' },
      );
      expect(allocated[kept === 'dom' ? 'MTdom' : 'MTpassive']).toBe('on');
      expect(allocated[kept === 'dom' ? 'MTpassive' : 'MTdom']).toBe('max-tracks');
    }
  });

  it('switches a track back on only when it fits with headroom, so measured bitrates do not make it flap', () => {
    const tracks = (erinOn: boolean, erinBitrate: number) => [
      track('MTdan', 'PAdan', 'high'),
      track('MTerin', 'PAerin', 'low', { bitrate: erinBitrate, switchedOn: erinOn }),
    ];
    const profile = { maxSubscriptionBitrate: 700_000 };
    expect(onOff(tracks(true, 390_000), profile).MTerin).toBe('on');
    expect(onOff(tracks(false, 390_000), profile).MTerin).toBe('bitrate-cap');
    expect(onOff(tracks(false, 290_000), profile).MTerin).toBe('on');
  });

  it('says the path is impaired when what the path carries is below the cap', () => {
    const tracks = [track('MTa', 'PAa', 'high'), track('MTb', 'PAb', 'low')];
    expect(onOff(tracks, { maxSubscriptionBitrate: 2_000_000 }, { availableBitrate: 400_000 })).toEqual({
      MTa: 'on',
      MTb: 'impaired-path',
    });
    expect(onOff(tracks, undefined, { availableBitrate: 400_000 })).toEqual({
      MTa: 'on',
      MTb: 'impaired-path',
    });
    expect(onOff(tracks, { maxSubscriptionBitrate: 350_000 }, { availableBitrate: 400_000 })).toEqual({
      MTa: 'on',
      MTb: 'bitrate-cap',
    });
  });
});
