import { describe, expect, it } from 'vitest';
import { engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';
import type { EngineState } from './engine-state.js';

/** Snapshots keep each account's settings and composition hooks, and each room's transcriptions. */
function engineWithMediaState() {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  engine.updateMediaSettings({ accountSid, settings: 'composition' }, { friendlyName: 'named' });
  const hook = engine.createCompositionHook(
    { accountSid },
    { friendlyName: 'grid', videoLayout: { grid: { video_sources: ['*'] } } },
  );
  const room = engine.createRoom({ accountSid }, { uniqueName: 'transcribed' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio' });
  const transcription = engine.createTranscription(
    { accountSid, room: room.sid },
    { configuration: { languageCode: 'de-DE' } },
  );
  engine.transcribe({ accountSid, room: room.sid, participant: alice.sid }, { transcription: 'Hallo' });
  return { ...fixture, hook, room, alice, transcription };
}

describe('snapshots of settings, composition hooks and transcriptions', () => {
  it('survive a JSON round trip into a new engine, and the restored state goes on working', () => {
    const { engine, clock, accountSid, room, alice, transcription } = engineWithMediaState();
    const state = JSON.parse(JSON.stringify(engine.snapshot())) as EngineState;
    const copy = createEngine({ clock });
    copy.restore(state);
    expect(copy.snapshot()).toEqual(engine.snapshot());
    expect(copy.getMediaSettings({ accountSid, settings: 'composition' }).friendlyName).toBe('named');
    expect(
      copy.listCompositionHooks({ accountSid }, { enabled: true }).map((hook) => hook.friendlyName),
    ).toEqual(['grid']);
    // The transcription goes on where it was: the next transcript of the track is number 2.
    const next = copy.transcribe(
      { accountSid, room: room.sid, participant: alice.sid },
      { transcription: 'zusammen' },
    );
    expect(next).toMatchObject({ ttid: transcription.ttid, sequenceNumber: 2, languageCode: 'de-DE' });
  });

  it('from before roomlab kept them restore with defaults: no hooks, no transcriptions, default settings', () => {
    const { engine, clock, accountSid, room } = engineWithMediaState();
    const state = JSON.parse(JSON.stringify(engine.snapshot())) as EngineState;
    for (const account of state.accounts) {
      delete account.mediaSettings;
      delete account.compositionHooks;
      for (const saved of account.rooms) delete saved.transcriptions;
    }
    const copy = createEngine({ clock });
    copy.restore(state);
    expect(copy.getMediaSettings({ accountSid, settings: 'composition' }).friendlyName).toBeNull();
    expect(copy.listCompositionHooks({ accountSid })).toEqual([]);
    expect(copy.listTranscriptions({ accountSid, room: room.sid })).toEqual([]);
  });
});
