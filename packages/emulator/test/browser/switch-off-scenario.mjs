// Runs inside a network namespace made by sdk-switch-off.test.ts (the only place WebRTC may flow):
// roomlab with its media server, a page with the real twilio-video bundle, and Chromium with a fake
// camera. Track switch-off as subscribers see it: a manual switchOff()/switchOn(), then a bitrate cap
// that keeps the higher-priority camera. Prints one JSON line with what the pages saw.
import { mintAccessToken } from '@roomlab/core';
import { openSdkPage, poll, sleep } from './sdk-scenario.mjs';

const { page, emulator, close } = await openSdkPage();
const manualControl = { video: { clientTrackSwitchOffControl: 'manual' } };
const result = { joined: [], manual: null, capped: null, accountDefault: null, events: [], error: null };
try {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const join = async (identity, room, options) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    const joined = await page.evaluate(
      ([key, jwt, ws, more]) => window.join(key, jwt, { wsServer: ws, ...more }),
      [identity, token, emulator.signalingUrl, { name: room, ...options }],
    );
    result.joined.push(joined);
    return joined;
  };
  const camera = { audio: false, video: { width: 160, height: 120, frameRate: 15 } };
  const viewer = { audio: false, video: false, bandwidthProfile: manualControl };

  /**
   * What `key` sees of `identity`'s camera: frames its decoder has decoded (the peer connection's own
   * inbound-rtp stats), whether the SDK says it is switched off, and the switch events it fired.
   */
  const seen = (key, identity) =>
    page.evaluate(
      async ([k, who]) => {
        const room = window.rooms[k];
        const remote = [...room.participants.values()].find((p) => p.identity === who);
        const track = remote && [...remote.videoTracks.values()][0]?.track;
        if (!track) return null;
        if (!track.roomlabEvents) {
          track.roomlabEvents = [];
          track.on('switchedOff', () => track.roomlabEvents.push('switchedOff'));
          track.on('switchedOn', () => track.roomlabEvents.push('switchedOn'));
        }
        let framesDecoded = 0;
        for (const {
          _peerConnection: pc,
        } of room._signaling._peerConnectionManager._peerConnections.values())
          for (const stats of (await pc.getStats(track.mediaStreamTrack)).values())
            if (stats.type === 'inbound-rtp' && stats.kind === 'video')
              framesDecoded += stats.framesDecoded ?? 0;
        return { framesDecoded, isSwitchedOff: track.isSwitchedOff, events: [...track.roomlabEvents] };
      },
      [key, identity],
    );
  /** Frames decoded over `ms`, once things settled. */
  const framesOver = async (key, identity, ms) => {
    const before = await seen(key, identity);
    await sleep(ms);
    const after = await seen(key, identity);
    return (after?.framesDecoded ?? 0) - (before?.framesDecoded ?? 0);
  };
  const rising = (key, identity) =>
    poll(
      () => framesOver(key, identity, 500),
      (frames) => frames > 0,
      15_000,
    );

  // 1. Manual: bob switches alice's camera off, then on.
  await join('alice', 'manual', camera);
  await join('bob', 'manual', viewer);
  const subscribed = await poll(
    () => seen('bob', 'alice'),
    (view) => view !== null,
    30_000,
  );
  const manual = { subscribed: subscribed !== null, playingBefore: await rising('bob', 'alice') };
  // Bob's SDK switches alice's camera off or on, and waits until it says it is.
  const switchAlice = async (method) => {
    await page.evaluate((m) => {
      const remote = [...window.rooms.bob.participants.values()][0];
      [...remote.videoTracks.values()][0].track[m]();
    }, method);
    const off = method === 'switchOff';
    return poll(
      () => seen('bob', 'alice'),
      (view) => view?.isSwitchedOff === off,
      15_000,
    );
  };
  manual.off = await switchAlice('switchOff');
  await sleep(1500);
  manual.framesWhileOff = await framesOver('bob', 'alice', 3000);
  const switchedOnAt = Date.now();
  manual.on = await switchAlice('switchOn');
  manual.framesAfterOn = await rising('bob', 'alice');
  manual.firstFramesAfterMs = Date.now() - switchedOnAt;
  result.manual = manual;

  // 2. A bitrate cap: carol can take one camera; dan's (high) stays on, erin's (low) is switched off.
  // Then erin raises hers to high and dan lowers his to low: they change places.
  await join('dan', 'capped', camera);
  await join('erin', 'capped', camera);
  const setPriority = (key, priority) =>
    page.evaluate(
      ([k, p]) => [...window.rooms[k].localParticipant.videoTracks.values()][0].setPriority(p),
      [key, priority],
    );
  await setPriority('dan', 'high');
  await setPriority('erin', 'low');
  await join('carol', 'capped', {
    ...viewer,
    bandwidthProfile: { video: { maxSubscriptionBitrate: 1000, clientTrackSwitchOffControl: 'manual' } },
  });
  const both = () => Promise.all([seen('carol', 'dan'), seen('carol', 'erin')]);
  const capped = {};
  capped.first = await poll(
    both,
    ([dan, erin]) => dan?.isSwitchedOff === false && erin?.isSwitchedOff === true,
    30_000,
  );
  await sleep(1500);
  capped.firstFrames = {
    dan: await framesOver('carol', 'dan', 2000),
    erin: await framesOver('carol', 'erin', 2000),
  };
  await setPriority('erin', 'high');
  await setPriority('dan', 'low');
  capped.swapped = await poll(
    both,
    ([dan, erin]) => dan?.isSwitchedOff === true && erin?.isSwitchedOff === false,
    30_000,
  );
  capped.swappedFrames = await rising('carol', 'erin');
  result.capped = capped;

  // 3. The account's default profile (the Video guide's form): frank brings none of his own, so the
  // SFU holds him to it. His SDK asked for no switch-off channel and is told nothing; frames stop.
  const { authToken } = emulator.emulator.credentials;
  const stored = await fetch(`${emulator.url}/v1/Video/Profiles`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'one-camera', maxSubscriptionBitrate: 1000 }),
  });
  await join('frank', 'capped', { audio: false, video: false });
  await poll(
    () => Promise.all([seen('frank', 'dan'), seen('frank', 'erin')]),
    (views) => views.every((view) => view !== null),
    30_000,
  );
  await sleep(3000);
  result.accountDefault = {
    status: stored.status,
    extension: stored.headers.get('roomlab-extension'),
    frames: { dan: await framesOver('frank', 'dan', 2000), erin: await framesOver('frank', 'erin', 2000) },
  };

  const response = await fetch(`${emulator.url}/_roomlab/events`);
  result.events = (await response.json()).events
    .filter((event) => event.name.startsWith('track-switched'))
    .map((event) => ({
      name: event.name,
      subscriber: event.subscriber?.identity,
      publisher: event.participant?.identity,
      reason: event.switchReason,
    }));
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  await close();
}
console.log(JSON.stringify(result));
