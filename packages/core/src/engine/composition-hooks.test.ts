import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

const grid = { grid: { video_sources: ['*'] } };

describe('composition hooks', () => {
  it("are made with HK SIDs and Twilio's defaults: enabled, trimmed, 640x480 webm, no callback, never updated", () => {
    const { engine, accountSid, clock } = engineFixture();
    const hook = engine.createCompositionHook(
      { accountSid },
      { friendlyName: 'all audio', audioSources: ['*'] },
    );
    expect(hook.sid).toMatch(/^HK[0-9a-f]{32}$/);
    expect(hook).toEqual({
      sid: hook.sid,
      accountSid,
      friendlyName: 'all audio',
      enabled: true,
      dateCreated: clock.now(),
      dateUpdated: null,
      audioSources: ['*'],
      audioSourcesExcluded: [],
      videoLayout: {},
      resolution: '640x480',
      format: 'webm',
      trim: true,
      statusCallback: null,
      statusCallbackMethod: 'POST',
    });
    expect(engine.getCompositionHook({ accountSid, hookSid: hook.sid })).toBe(hook);
  });

  it('keep friendly names unique in an account, and a name at most 100 characters long', () => {
    const { engine, accountSid } = engineFixture();
    const first = engine.createCompositionHook({ accountSid }, { friendlyName: 'mine', videoLayout: grid });
    expect(
      codeOf(() => engine.createCompositionHook({ accountSid }, { friendlyName: 'mine', videoLayout: grid })),
    ).toBe(20001);
    const second = engine.createCompositionHook({ accountSid }, { friendlyName: 'yours', videoLayout: grid });
    expect(
      codeOf(() =>
        engine.updateCompositionHook(
          { accountSid, hookSid: second.sid },
          { friendlyName: 'mine', videoLayout: grid },
        ),
      ),
    ).toBe(20001);
    // A hook keeps its own name through an update; another account may use the name.
    engine.updateCompositionHook(
      { accountSid, hookSid: first.sid },
      { friendlyName: 'mine', videoLayout: grid },
    );
    const other = engine.addAccount().sid;
    expect(
      engine.createCompositionHook({ accountSid: other }, { friendlyName: 'mine', videoLayout: grid }).sid,
    ).toMatch(/^HK/);
    expect(
      codeOf(() =>
        engine.createCompositionHook({ accountSid }, { friendlyName: 'x'.repeat(101), videoLayout: grid }),
      ),
    ).toBe(20001);
    expect(engine.listCompositionHooks({ accountSid }).map((hook) => hook.friendlyName)).toEqual([
      'yours',
      'mine',
    ]);
  });

  it('refuse a hook with neither VideoLayout nor AudioSources, or a bad status callback, and make nothing', () => {
    const { engine, accountSid } = engineFixture();
    for (const options of [
      { friendlyName: 'empty' },
      { friendlyName: 'empty layout', videoLayout: {}, audioSources: [] },
      { friendlyName: 'bad url', videoLayout: grid, statusCallback: 'not a url' },
      { friendlyName: 'bad method', videoLayout: grid, statusCallbackMethod: 'PUT' },
      { friendlyName: 'bad source', audioSources: [''] },
    ]) {
      expect(codeOf(() => engine.createCompositionHook({ accountSid }, options))).toBe(20001);
    }
    expect(engine.listCompositionHooks({ accountSid })).toEqual([]);
  });

  it('are replaced whole by an update, as Twilio does: what it leaves out goes back to its default', () => {
    const { engine, accountSid, clock } = engineFixture();
    const hook = engine.createCompositionHook(
      { accountSid },
      {
        friendlyName: 'pip',
        enabled: false,
        videoLayout: grid,
        audioSources: ['presenter-audio'],
        resolution: '1280x720',
        format: 'mp4',
        trim: false,
        statusCallback: 'https://example.com/hooks',
        statusCallbackMethod: 'GET',
      },
    );
    clock.advance(1000);
    const updated = engine.updateCompositionHook(
      { accountSid, hookSid: hook.sid },
      { friendlyName: 'audio', audioSources: ['*'] },
    );
    expect(updated).toMatchObject({
      friendlyName: 'audio',
      enabled: true,
      videoLayout: {},
      audioSources: ['*'],
      resolution: '640x480',
      format: 'webm',
      trim: true,
      statusCallback: null,
      statusCallbackMethod: 'POST',
      dateUpdated: clock.now(),
    });
    // A refused update changes nothing.
    expect(
      codeOf(() => engine.updateCompositionHook({ accountSid, hookSid: hook.sid }, { friendlyName: '' })),
    ).toBe(20001);
    expect(engine.getCompositionHook({ accountSid, hookSid: hook.sid }).friendlyName).toBe('audio');
  });

  it('are listed newest first, filtered by Enabled, FriendlyName (whole, any case, * wildcard) and creation date', () => {
    const { engine, accountSid, clock } = engineFixture();
    const start = clock.now();
    engine.createCompositionHook({ accountSid }, { friendlyName: 'Main Hook', audioSources: ['*'] });
    clock.advance(60_000);
    engine.createCompositionHook(
      { accountSid },
      { friendlyName: 'spare', audioSources: ['*'], enabled: false },
    );
    clock.advance(60_000);
    engine.createCompositionHook({ accountSid }, { friendlyName: 'backup hook', audioSources: ['*'] });
    const names = (filter: Parameters<typeof engine.listCompositionHooks>[1]) =>
      engine.listCompositionHooks({ accountSid }, filter).map((hook) => hook.friendlyName);
    expect(names({})).toEqual(['backup hook', 'spare', 'Main Hook']);
    expect(names({ enabled: true })).toEqual(['backup hook', 'Main Hook']);
    expect(names({ enabled: false })).toEqual(['spare']);
    expect(names({ friendlyName: '*hook*' })).toEqual(['backup hook', 'Main Hook']);
    expect(names({ friendlyName: 'main hook' })).toEqual(['Main Hook']);
    expect(names({ friendlyName: 'main' })).toEqual([]);
    expect(names({ friendlyName: 'spa.e' })).toEqual([]);
    expect(names({ dateCreatedAfter: start + 60_000 })).toEqual(['backup hook', 'spare']);
    expect(names({ dateCreatedBefore: start + 60_000 })).toEqual(['Main Hook']);
  });

  it('are deleted for good: fetching, updating or deleting again is 20404', () => {
    const { engine, accountSid } = engineFixture();
    const hook = engine.createCompositionHook({ accountSid }, { friendlyName: 'gone', audioSources: ['*'] });
    const ref = { accountSid, hookSid: hook.sid };
    engine.deleteCompositionHook(ref);
    expect(codeOf(() => engine.getCompositionHook(ref))).toBe(20404);
    expect(
      codeOf(() => engine.updateCompositionHook(ref, { friendlyName: 'back', audioSources: ['*'] })),
    ).toBe(20404);
    expect(codeOf(() => engine.deleteCompositionHook(ref))).toBe(20404);
    // Another account cannot see it either.
    const other = engine.addAccount().sid;
    const kept = engine.createCompositionHook({ accountSid }, { friendlyName: 'kept', audioSources: ['*'] });
    expect(codeOf(() => engine.getCompositionHook({ accountSid: other, hookSid: kept.sid }))).toBe(20404);
  });
});
