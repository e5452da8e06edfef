import { memoryLogger, type TrackPriority, type TrackSwitch } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import type { Forward, Subscriber } from './forwards.js';
import { createLifetime } from './lifetime.js';
import type { PublishedMediaTrack, PublishedTracks } from './published-tracks.js';
import { createSwitchOff } from './switch-off.js';

/** A subscriber with a video forward per track SID, publisher session `S-<sid>`; what it is told. */
function fixture(profile: { maxTracks?: number } | undefined, priorities: Record<string, TrackPriority>) {
  const published: PublishedTracks = new Map();
  const forwards = new Map<string, Forward>();
  const switchedOn = new Map<string, boolean>();
  for (const sid of Object.keys(priorities)) {
    published.set(sid, {
      trackSid: sid,
      publisher: `S-${sid}`,
      kind: 'video',
      listeners: new Set(),
    } as unknown as PublishedMediaTrack);
    forwards.set(sid, { id: sid, switch: (on) => switchedOn.set(sid, on), stop: () => undefined });
  }
  const sent: Record<string, unknown>[] = [];
  const recorded: TrackSwitch[] = [];
  const lifetime = createLifetime();
  const logger = memoryLogger();
  const switchOff = createSwitchOff({
    subscriber: { sessionId: 'S-me', forwards } as unknown as Subscriber,
    published,
    client: {
      features: new Set(['render_hints', 'track_switch_off', 'track_priority']),
      publishPriorityOf: (sid) => priorities[sid],
      bandwidthProfile: () => profile,
      recordTrackSwitch: (change) => {
        recorded.push(change);
      },
      send: () => undefined,
      trackSidOf: () => undefined,
      roomSid: 'RM1',
      networkQuality: () => ({ local: 5, remotes: [] }),
    } satisfies Parameters<typeof createSwitchOff>[0]['client'],
    participantOf: (session) => session.replace('S-', 'PA'),
    dominantSpeaker: () => undefined,
    send: (message) => sent.push(message),
    lifetime,
    logger,
  });
  return { switchOff, sent, recorded, switchedOn, logger, lifetime, forwards };
}

describe('switch-off for one subscriber', () => {
  it('a render hint with enabled false switches the track off, enabled true on; each hint is answered OK', () => {
    const { switchOff, sent, recorded, switchedOn, lifetime } = fixture(undefined, { MTa: 'standard' });
    switchOff.reallocate();
    expect(sent).toEqual([]);
    const answer = switchOff.renderHints({
      type: 'render_hints',
      subscriber: {
        id: 4,
        hints: [{ track: 'MTa', enabled: false, render_dimensions: { width: 1, height: 1 } }],
      },
    });
    expect(answer).toEqual({
      type: 'render_hints',
      subscriber: { id: 4, hints: [{ track: 'MTa', result: 'OK' }] },
    });
    expect(switchedOn.get('MTa')).toBe(false);
    switchOff.renderHints({
      type: 'render_hints',
      subscriber: { id: 5, hints: [{ track: 'MTa', enabled: true }] },
    });
    expect(switchedOn.get('MTa')).toBe(true);
    expect(sent).toEqual([
      { type: 'track_switch_off', off: ['MTa'], on: [] },
      { type: 'track_switch_off', off: [], on: ['MTa'] },
    ]);
    expect(recorded).toEqual([
      { trackSid: 'MTa', on: false, reason: 'manual' },
      { trackSid: 'MTa', on: true, reason: 'allocated' },
    ]);
    lifetime.end();
  });

  it('a render hint with dimensions only changes nothing but is answered', () => {
    const { switchOff, sent, lifetime } = fixture(undefined, { MTa: 'standard' });
    switchOff.reallocate();
    const answer = switchOff.renderHints({
      type: 'render_hints',
      subscriber: { id: 1, hints: [{ track: 'MTa', render_dimensions: { width: 640, height: 480 } }] },
    });
    expect(answer.subscriber).toEqual({ id: 1, hints: [{ track: 'MTa', result: 'OK' }] });
    expect(sent).toEqual([]);
    lifetime.end();
  });

  it('the subscriber’s track_priority decides which track maxTracks keeps; ready repeats the state', () => {
    const { switchOff, sent, switchedOn, lifetime } = fixture(
      { maxTracks: 1 },
      { MTa: 'standard', MTb: 'low' },
    );
    switchOff.reallocate();
    expect(sent).toEqual([{ type: 'track_switch_off', off: ['MTb'], on: [] }]);
    switchOff.trackPriority({ type: 'track_priority', track: 'MTb', subscribe: 'high' });
    expect(sent.at(-1)).toEqual({ type: 'track_switch_off', off: ['MTa'], on: ['MTb'] });
    expect([switchedOn.get('MTa'), switchedOn.get('MTb')]).toEqual([false, true]);
    switchOff.trackPriority({ type: 'track_priority', track: 'MTb', subscribe: null });
    expect(sent.at(-1)).toEqual({ type: 'track_switch_off', off: ['MTb'], on: ['MTa'] });
    switchOff.ready();
    expect(sent.at(-1)).toEqual({ type: 'track_switch_off', off: ['MTb'], on: ['MTa'] });
    lifetime.end();
  });

  it('forgets a track that is no longer forwarded: back again, it starts on', () => {
    const { switchOff, sent, forwards, lifetime } = fixture(undefined, { MTa: 'standard' });
    switchOff.reallocate();
    switchOff.renderHints({
      type: 'render_hints',
      subscriber: { id: 1, hints: [{ track: 'MTa', enabled: false }] },
    });
    const forward = forwards.get('MTa');
    forwards.delete('MTa');
    switchOff.reallocate();
    if (forward) forwards.set('MTa', forward);
    switchOff.reallocate();
    expect(sent).toEqual([{ type: 'track_switch_off', off: ['MTa'], on: [] }]);
    lifetime.end();
  });

  it('logs and ignores malformed hints and priorities', () => {
    const { switchOff, sent, logger, lifetime } = fixture({ maxTracks: 1 }, { MTa: 'standard', MTb: 'low' });
    switchOff.reallocate();
    switchOff.trackPriority({ type: 'track_priority', track: 'MTb', subscribe: 'urgent' });
    const answer = switchOff.renderHints({
      type: 'render_hints',
      subscriber: { id: 2, hints: [{ enabled: false }] },
    });
    expect(answer.subscriber).toEqual({ id: 2, hints: [] });
    expect(sent).toHaveLength(1);
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'a track_priority message from the client is malformed: ignored',
      'a render hint from the client is malformed: ignored',
    ]);
    lifetime.end();
  });
});
