import { memoryLogger } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { parseBandwidthProfile } from './bandwidth-profile.js';

describe('the bandwidth_profile a client sends', () => {
  it('is read from the SDK’s wire names', () => {
    const logger = memoryLogger();
    const profile = parseBandwidthProfile(
      {
        video: {
          mode: 'collaboration',
          max_subscription_bandwidth: 400,
          max_tracks: 1,
          active_speaker_priority: 'high',
          track_switch_off: 'predicted',
          render_dimensions: { high: { height: 720, width: 1280 } },
        },
      },
      logger,
    );
    expect(profile).toEqual({
      mode: 'collaboration',
      maxSubscriptionBitrate: 400,
      maxTracks: 1,
      dominantSpeakerPriority: 'high',
      trackSwitchOffMode: 'predicted',
      renderDimensions: { high: { height: 720, width: 1280 } },
    });
    expect(logger.entries).toEqual([]);
  });

  it('keeps the good fields of a malformed one and logs the rest', () => {
    const logger = memoryLogger();
    const profile = parseBandwidthProfile(
      { video: { max_subscription_bandwidth: 'lots', active_speaker_priority: 'urgent', max_tracks: 2 } },
      logger,
    );
    expect(profile).toEqual({ maxTracks: 2 });
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'bandwidth_profile.video fields not understood, ignored: max_subscription_bandwidth, active_speaker_priority',
    ]);
  });

  it('is undefined when absent, and ignored (logged) when it is not an object with video', () => {
    const logger = memoryLogger();
    expect(parseBandwidthProfile(undefined, logger)).toBeUndefined();
    expect(parseBandwidthProfile('grid', logger)).toBeUndefined();
    expect(parseBandwidthProfile({ video: 7 }, logger)).toBeUndefined();
    expect(logger.entries).toHaveLength(2);
    expect(parseBandwidthProfile({ video: {} }, logger)).toEqual({});
  });
});
