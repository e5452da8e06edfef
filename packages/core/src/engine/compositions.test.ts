import { describe, expect, it } from 'vitest';
import { TwilioError } from '../errors.js';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { statusCallbackOf } from '../webhooks/status-callback.js';

/** A completed room whose one audio track was recorded and finished. */
function recordedRoom() {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { recordParticipantsOnConnect: true });
  const roomRef = { accountSid, room: room.sid };
  const alice = engine.connectParticipant(roomRef, { identity: 'alice' });
  engine.publishTrack({ ...roomRef, participant: alice.sid }, { kind: 'audio', name: 'mic' });
  const finishAll = () => {
    for (const recording of engine.listRecordings({ accountSid }, { status: 'processing' }))
      engine.finishRecording(
        { accountSid, recording: recording.sid },
        { media: { sizeBytes: 100, durationMs: 5000, codec: 'OPUS' } },
      );
  };
  return { ...fixture, room, roomRef, finishAll };
}

describe('compositions', () => {
  it('refuses a room still in progress, and one without recordings', () => {
    const { engine, accountSid, room } = recordedRoom();
    expect(codeOf(() => engine.createComposition({ accountSid }, { roomSid: room.sid }))).toBe(20001);
    const empty = engine.createRoom({ accountSid }, {});
    engine.completeRoom({ accountSid, room: empty.sid });
    expect(codeOf(() => engine.createComposition({ accountSid }, { roomSid: empty.sid }))).toBe(53630);
    expect(codeOf(() => engine.createComposition({ accountSid }, { roomSid: `RM${'0'.repeat(32)}` }))).toBe(
      20404,
    );
    expect(engine.listCompositions({ accountSid })).toEqual([]);
  });

  it('refuses a room whose recordings were all deleted (53628)', () => {
    const { engine, accountSid, room, roomRef, finishAll } = recordedRoom();
    engine.completeRoom(roomRef);
    finishAll();
    for (const recording of engine.listRecordings({ accountSid }))
      engine.deleteRecording({ accountSid, recording: recording.sid });
    expect(codeOf(() => engine.createComposition({ accountSid }, { roomSid: room.sid }))).toBe(53628);
  });

  it('goes enqueued, processing with progress, then completed, telling its StatusCallback', () => {
    const { engine, accountSid, room, roomRef, finishAll, seen } = recordedRoom();
    engine.completeRoom(roomRef);
    finishAll();
    const created = engine.createComposition(
      { accountSid },
      { roomSid: room.sid, audioSources: ['*'], statusCallback: 'https://app.test/compositions' },
    );
    expect([
      created.sid.slice(0, 2),
      created.status,
      created.format,
      created.resolution,
      created.trim,
    ]).toEqual(['CJ', 'enqueued', 'webm', '640x480', true]);
    const ref = { accountSid, composition: created.sid };
    engine.startComposition(ref);
    engine.reportCompositionProgress(ref, { percent: 42.7, secondsRemaining: 3.4 });
    engine.finishComposition(ref, { media: { sizeBytes: 9000, durationMs: 5200, bitrateKbps: 13.8 } });
    const done = engine.getComposition(ref);
    expect([done.status, done.progress, done.duration, done.size, done.bitrate]).toEqual([
      'completed',
      100,
      5,
      9000,
      14,
    ]);
    const callbacks = seen.filter((event) => event.composition).map(statusCallbackOf);
    // Enqueued is posted only for compositions a hook made.
    expect(callbacks.map((callback) => callback?.params.StatusCallbackEvent)).toEqual([
      undefined,
      'composition-started',
      'composition-progress',
      'composition-available',
    ]);
    expect(callbacks[2]?.params).toMatchObject({ PercentageDone: '42', SecondsRemaining: '3' });
    expect(callbacks[3]).toMatchObject({
      url: 'https://app.test/compositions',
      params: {
        CompositionSid: created.sid,
        MediaUri: `/v1/Compositions/${created.sid}/Media`,
        Size: '9000',
      },
    });
  });

  it('fails with the reason, and deletes (or cancels) keeping the resource', () => {
    const { engine, accountSid, room, roomRef, finishAll, seen } = recordedRoom();
    const lastCallback = () => {
      const last = seen.at(-1);
      return last && statusCallbackOf(last);
    };
    engine.completeRoom(roomRef);
    finishAll();
    const hook = { sid: `HK${'1'.repeat(32)}`, friendlyName: 'every room' };
    const failing = engine.createComposition(
      { accountSid },
      { roomSid: room.sid, statusCallback: 'https://app.test/c', hook },
    );
    expect(lastCallback()?.params).toMatchObject({ HookSid: hook.sid });
    const failingRef = { accountSid, composition: failing.sid };
    engine.finishComposition(failingRef, { failure: new TwilioError(53626, 'ffmpeg exited with 1') });
    expect(lastCallback()?.params).toMatchObject({
      StatusCallbackEvent: 'composition-failed',
      ErrorMessage: 'ffmpeg exited with 1',
    });
    const running = engine.createComposition({ accountSid }, { roomSid: room.sid });
    const runningRef = { accountSid, composition: running.sid };
    engine.startComposition(runningRef);
    expect(engine.deleteComposition(runningRef).status).toBe('deleted');
    expect(seen.at(-1)?.name).toBe('composition-deleted');
    expect(codeOf(() => engine.startComposition(runningRef))).toBe(20001);
    expect(engine.listCompositions({ accountSid }, { status: 'failed' }).map((c) => c.sid)).toEqual([
      failing.sid,
    ]);
  });

  it("starts each enabled hook's composition once the ended room's recordings are all finished", () => {
    const { engine, accountSid, room, roomRef, finishAll, seen } = recordedRoom();
    const grid = { grid: { video_sources: ['*'] } };
    const hook = engine.createCompositionHook(
      { accountSid },
      {
        friendlyName: 'every room',
        videoLayout: grid,
        format: 'mp4',
        statusCallback: 'https://app.test/hook',
      },
    );
    engine.createCompositionHook(
      { accountSid },
      { friendlyName: 'off', audioSources: ['*'], enabled: false },
    );
    engine.completeRoom(roomRef);
    // The recordings are still being written: nothing to compose yet.
    expect(engine.listCompositions({ accountSid })).toEqual([]);
    finishAll();
    const made = engine.listCompositions({ accountSid });
    expect(
      made.map((composition) => [composition.roomSid, composition.format, composition.hook?.sid]),
    ).toEqual([[room.sid, 'mp4', hook.sid]]);
    expect(made[0]?.videoLayout).toEqual(grid);
    const enqueued = seen.find((event) => event.name === 'composition-enqueued');
    expect(enqueued && statusCallbackOf(enqueued)).toMatchObject({
      url: 'https://app.test/hook',
      params: { HookSid: hook.sid, HookFriendlyName: 'every room', CompositionSid: made[0]?.sid },
    });
    // A room sets its hooks off once.
    for (const recording of engine.listRecordings({ accountSid }))
      engine.deleteRecording({ accountSid, recording: recording.sid });
    expect(engine.listCompositions({ accountSid })).toHaveLength(1);
  });
});
