import type { CompositionHookListInstanceCreateOptions } from 'twilio/lib/rest/video/v1/compositionHook.js';
import { describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

const grid = { grid: { video_sources: ['*'] } };

describe.each(modes)('Composition hooks through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);
  const hooks = () => session.client.video.v1.compositionHooks;

  it("creates a hook (201) with an HK SID and Twilio's defaults, and fetches it", async () => {
    const created = await hooks().create({
      friendlyName: 'MixingAllRoomAudiosHook',
      audioSources: ['*'],
      statusCallback: 'http://my.server.org/callbacks',
      format: 'mp4',
    });
    expect(created.sid).toMatch(/^HK[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      accountSid: session.emulator.credentials.accountSid,
      friendlyName: 'MixingAllRoomAudiosHook',
      enabled: true,
      dateUpdated: null,
      audioSources: ['*'],
      audioSourcesExcluded: [],
      videoLayout: {},
      format: 'mp4',
      trim: true,
      resolution: '640x480',
      statusCallback: 'http://my.server.org/callbacks',
      statusCallbackMethod: 'POST',
      url: `${session.origin}/v1/CompositionHooks/${created.sid}`,
    });
    expect(created.dateCreated).toEqual(new Date(session.clock.now()));
    expect(await hooks()(created.sid).fetch()).toMatchObject({ sid: created.sid, format: 'mp4' });
  });

  it('keeps the layout and format fields it is given, and an update replaces them all', async () => {
    const layout = {
      main: { z_pos: 1, video_sources: ['screen'] },
      pip: { z_pos: 2, x_pos: 1000, y_pos: 30, width: 240, height: 180, video_sources: ['presenter-cam'] },
    };
    const created = await hooks().create({
      friendlyName: 'MyHookWithComplexVideoLayout',
      audioSources: ['listener-audio', 'presenter-audio'],
      audioSourcesExcluded: ['admin'],
      videoLayout: layout,
      resolution: '1280x720',
      format: 'webm',
      trim: false,
      enabled: false,
      statusCallbackMethod: 'GET',
    });
    expect(created).toMatchObject({
      videoLayout: layout,
      audioSources: ['listener-audio', 'presenter-audio'],
      audioSourcesExcluded: ['admin'],
      resolution: '1280x720',
      trim: false,
      enabled: false,
      statusCallbackMethod: 'GET',
    });
    session.clock.advance(60_000);
    const updated = await hooks()(created.sid).update({ friendlyName: 'grid now', videoLayout: grid });
    expect(updated).toMatchObject({
      friendlyName: 'grid now',
      videoLayout: grid,
      audioSources: [],
      audioSourcesExcluded: [],
      resolution: '640x480',
      format: 'webm',
      trim: true,
      enabled: true,
      statusCallbackMethod: 'POST',
    });
    expect(updated.dateUpdated).toEqual(new Date(session.clock.now()));
  });

  it('lists hooks newest first across pages, filtered by Enabled, FriendlyName and creation date', async () => {
    const start = session.clock.now();
    for (const [name, enabled] of [
      ['My Special Hook1', true],
      ['spare', false],
      ['other hook', true],
    ] as const) {
      await hooks().create({ friendlyName: name, audioSources: ['*'], enabled });
      session.clock.advance(60_000);
    }
    const names = async (options: Parameters<ReturnType<typeof hooks>['list']>[0] = {}) =>
      (await hooks().list(options)).map((hook) => hook.friendlyName);
    expect(await names({ pageSize: 2 })).toEqual(['other hook', 'spare', 'My Special Hook1']);
    expect(await names({ enabled: true })).toEqual(['other hook', 'My Special Hook1']);
    expect(await names({ friendlyName: '*HOOK*' })).toEqual(['other hook', 'My Special Hook1']);
    expect(await names({ dateCreatedAfter: new Date(start + 60_000) })).toEqual(['other hook', 'spare']);
    expect(await names({ dateCreatedBefore: new Date(start + 60_000) })).toEqual(['My Special Hook1']);
    const page = await hooks().page({ enabled: false, pageSize: 1 });
    expect(page.instances.map((hook) => hook.friendlyName)).toEqual(['spare']);
  });

  it('deletes a hook (204); then it is not found', async () => {
    const created = await hooks().create({ friendlyName: 'short-lived', audioSources: ['*'] });
    expect(await hooks()(created.sid).remove()).toBe(true);
    await expectRestError(hooks()(created.sid).fetch(), { status: 404, code: 20404 });
    await expectRestError(hooks()(created.sid).remove(), { status: 404, code: 20404 });
    await expectRestError(hooks()(created.sid).update({ friendlyName: 'back', audioSources: ['*'] }), {
      status: 404,
      code: 20404,
    });
    expect(await hooks().list()).toEqual([]);
  });

  const badHooks: [string, CompositionHookListInstanceCreateOptions][] = [
    ['a FriendlyName already in use', { friendlyName: 'taken', audioSources: ['*'] }],
    ['a FriendlyName over 100 characters', { friendlyName: 'x'.repeat(101), audioSources: ['*'] }],
    ['neither VideoLayout nor AudioSources', { friendlyName: 'empty' }],
    ['a VideoLayout that is not a JSON object', { friendlyName: 'l', videoLayout: ['grid'] }],
    ['a Resolution not of the form WxH', { friendlyName: 'r', audioSources: ['*'], resolution: 'HD' }],
    ['a Resolution under 16 pixels a side', { friendlyName: 'r', audioSources: ['*'], resolution: '8x480' }],
    ['a Resolution over 921,600 pixels', { friendlyName: 'r', audioSources: ['*'], resolution: '1280x1280' }],
    ['a Format other than mp4 or webm', { friendlyName: 'f', audioSources: ['*'], format: 'mkv' as 'mp4' }],
    [
      'a StatusCallback that is not a URL',
      { friendlyName: 's', audioSources: ['*'], statusCallback: 'nope' },
    ],
  ];

  it.each(badHooks)(
    'refuses %s with 20001, creating or updating, and changes nothing',
    async (_name, bad) => {
      const existing = await hooks().create({ friendlyName: 'taken', audioSources: ['*'] });
      const other = await hooks().create({ friendlyName: 'other', videoLayout: grid });
      await expectRestError(hooks().create(bad), { status: 400, code: 20001 });
      await expectRestError(hooks()(other.sid).update(bad), { status: 400, code: 20001 });
      expect((await hooks().list()).map((hook) => hook.sid)).toEqual([other.sid, existing.sid]);
      expect(await hooks()(other.sid).fetch()).toMatchObject({ friendlyName: 'other', videoLayout: grid });
    },
  );

  it('refuses malformed VideoLayout JSON with 20001', async () => {
    const response = await session.client.request({
      method: 'post',
      uri: `${session.origin}/v1/CompositionHooks`,
      data: { FriendlyName: 'broken', VideoLayout: '{"grid": {' },
    });
    const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
    expect([response.statusCode, (body as { code: number }).code]).toEqual([400, 20001]);
    expect(await hooks().list()).toEqual([]);
  });

  it('keeps each account to its own hooks', async () => {
    const mine = await hooks().create({ friendlyName: 'mine', audioSources: ['*'] });
    const other = session.emulator.engine.addAccount();
    const theirs = session.clientFor(other.sid, other.authToken);
    await expectRestError(theirs.video.v1.compositionHooks(mine.sid).fetch(), { status: 404, code: 20404 });
    expect(await theirs.video.v1.compositionHooks.list()).toEqual([]);
    expect(
      (await theirs.video.v1.compositionHooks.create({ friendlyName: 'mine', audioSources: ['*'] })).sid,
    ).not.toBe(mine.sid);
  });
});
