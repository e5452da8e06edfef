import { mintAccessToken, verifyAccessToken } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

describe.each(modes)('API Keys (api.twilio.com) through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);

  it('creates a key whose SID and secret then work for REST and for access tokens', async () => {
    const created = await session.client.newKeys.create({ friendlyName: 'ci key' });
    expect(created.sid).toMatch(/^SK[0-9a-f]{32}$/);
    expect(created.friendlyName).toBe('ci key');
    expect(created.secret.length).toBeGreaterThanOrEqual(32);
    expect(created.dateCreated).toEqual(new Date(session.clock.now()));

    const { accountSid } = session.emulator.credentials;
    const viaKey = session.clientFor(created.sid, created.secret, accountSid);
    expect((await viaKey.video.v1.rooms.create({ uniqueName: 'made-with-new-key' })).accountSid).toBe(
      accountSid,
    );

    const token = await mintAccessToken({
      accountSid,
      apiKeySid: created.sid,
      apiKeySecret: created.secret,
      identity: 'alice',
      now: session.clock.now(),
    });
    const verified = await verifyAccessToken(token, {
      now: session.clock.now(),
      lookupApiKey: session.emulator.engine.lookupApiKey,
    });
    expect(verified).toMatchObject({ accountSid, identity: 'alice' });
  });

  it('fetches, renames, lists across pages and deletes keys; a deleted key stops working', async () => {
    const made = [];
    for (const name of ['k1', 'k2', 'k3', 'k4'])
      made.push(await session.client.newKeys.create({ friendlyName: name }));
    const listed = await session.client.keys.list({ pageSize: 2 });
    expect(listed.map((key) => key.friendlyName)).toEqual(['roomlab default key', 'k1', 'k2', 'k3', 'k4']);
    const target = made[1];
    if (!target) throw new Error('no key');
    expect((await session.client.keys(target.sid).fetch()).friendlyName).toBe('k2');
    session.clock.advance(5000);
    const renamed = await session.client.keys(target.sid).update({ friendlyName: 'renamed' });
    expect(renamed.friendlyName).toBe('renamed');
    expect(renamed.dateUpdated).toEqual(new Date(session.clock.now()));

    expect(await session.client.keys(target.sid).remove()).toBe(true);
    await expectRestError(session.client.keys(target.sid).fetch(), { status: 404, code: 20404 });
    const { accountSid } = session.emulator.credentials;
    await expectRestError(session.clientFor(target.sid, target.secret, accountSid).video.v1.rooms.list(), {
      status: 401,
      code: 20003,
    });
  });

  it('refuses to manage keys with an API key, and keeps each account to its own keys', async () => {
    const { apiKeySid, apiKeySecret, accountSid } = session.emulator.credentials;
    await expectRestError(session.clientFor(apiKeySid, apiKeySecret, accountSid).newKeys.create(), {
      status: 401,
      code: 20003,
    });
    const other = session.clientFor(`AC${'6'.repeat(32)}`, 'other-token');
    await expectRestError(other.api.v2010.accounts(accountSid).keys.list(), { status: 404, code: 20404 });
    await expectRestError(other.keys(apiKeySid).fetch(), { status: 404, code: 20404 });
  });

  it('refuses a friendly name over 64 characters and creates nothing', async () => {
    await expectRestError(session.client.newKeys.create({ friendlyName: 'n'.repeat(65) }), {
      status: 400,
      code: 20001,
    });
    expect(await session.client.keys.list()).toHaveLength(1);
  });
});
