import { createEngine, memoryLogger, type RoomType } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import type { MediaClient, Sfu } from '../media/sfu.js';
import { mediaHandOff } from './media-hand-off.js';
import type { Session } from './sessions.js';

/** A media hand-off to a media server that keeps the clients it is handed and counts reallocations. */
function handOff(type: RoomType) {
  const engine = createEngine();
  const accountSid = engine.addAccount().sid;
  const room = engine.createRoom({ accountSid }, { type });
  const participant = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const session: Session = {
    id: 'S1',
    ref: { accountSid, room: room.sid, participant: participant.sid },
    connection: undefined,
    tracks: new Map(),
    clientRevision: 1,
    publishedRevision: 0,
    ready: true,
  };
  const clients = new Map<string, MediaClient>();
  const reallocated: string[] = [];
  const sfu = {
    join: (id: string, client: MediaClient) => clients.set(id, client),
    reallocate: (roomSid: string) => reallocated.push(roomSid),
  } as unknown as Sfu;
  const logger = memoryLogger();
  return {
    engine,
    accountSid,
    session,
    clients,
    reallocated,
    logger,
    media: mediaHandOff(engine, sfu, logger),
  };
}

const requested = { active_speaker: {}, render_hints: {}, track_priority: {}, track_switch_off: {} };
const wireProfile = { video: { max_subscription_bandwidth: 400, max_tracks: 1 } };

describe('what the media server is handed for bandwidth profiles', () => {
  it('in a group room: the switch-off features, the profile of the connect, then of an update', () => {
    const { media, session, clients, reallocated } = handOff('group');
    media.join(session, requested, wireProfile);
    const client = clients.get('S1');
    expect([...(client?.features ?? [])].sort()).toEqual(Object.keys(requested).sort());
    expect(client?.bandwidthProfile?.()).toEqual({ maxSubscriptionBitrate: 400, maxTracks: 1 });
    media.updateBandwidthProfile(session, { video: { max_subscription_bandwidth: 2_000_000 } });
    expect(client?.bandwidthProfile?.()).toEqual({ maxSubscriptionBitrate: 2_000_000 });
    expect(reallocated).toEqual([session.ref.room]);
  });

  it("an impaired path's bandwidth is the bitrate the subscriber can take, until the conditions are cleared", () => {
    const { media, session, clients, engine } = handOff('group');
    media.join(session, requested, wireProfile);
    const client = clients.get('S1');
    expect(client?.availableBitrate?.()).toBeUndefined();
    engine.setNetworkConditions(session.ref, { bandwidthKbps: 300 });
    expect(client?.availableBitrate?.()).toBe(300_000);
    engine.setNetworkConditions(session.ref, { packetLossPercent: 10 });
    expect(client?.availableBitrate?.()).toBeUndefined();
    engine.setNetworkConditions(session.ref, null);
    expect(client?.availableBitrate?.()).toBeUndefined();
  });

  it('without a profile of its own: the account default, once one is stored', () => {
    const { media, session, clients, engine, accountSid } = handOff('group');
    media.join(session, requested, undefined);
    const client = clients.get('S1');
    expect(client?.bandwidthProfile?.()).toBeUndefined();
    engine.storeBandwidthProfile({ accountSid }, { name: 'tight', maxSubscriptionBitrate: 300_000 });
    expect(client?.bandwidthProfile?.()).toEqual({ maxSubscriptionBitrate: 300_000 });
  });

  it('in peer-to-peer and go rooms: no media-signaling features at all and no profile, as Twilio (no media server)', () => {
    for (const type of ['peer-to-peer', 'go'] as const) {
      const { media, session, clients, engine, accountSid } = handOff(type);
      engine.storeBandwidthProfile({ accountSid }, { name: 'tight', maxSubscriptionBitrate: 300_000 });
      media.join(session, requested, wireProfile);
      const client = clients.get('S1');
      expect([...(client?.features ?? [])]).toEqual([]);
      expect(client?.bandwidthProfile?.()).toBeUndefined();
    }
  });
});
