import { afterEach, describe, expect, it } from 'vitest';
import { type ClientSession, modes } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

const otherAccount = `AC${'1'.repeat(32)}`;

describe.each(modes)('HTTP Basic auth, $name', (mode) => {
  let session: ClientSession;
  afterEach(async () => {
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it('accepts the default API key SID and secret', async () => {
    session = await mode.start();
    const { apiKeySid, apiKeySecret, accountSid } = session.emulator.credentials;
    const client = session.clientFor(apiKeySid, apiKeySecret, accountSid);
    const room = await client.video.v1.rooms.create({ uniqueName: 'with-key' });
    expect(room.accountSid).toBe(accountSid);
    expect((await session.client.video.v1.rooms('with-key').fetch()).sid).toBe(room.sid);
  });

  it('answers 401/20003 to a wrong auth token or key secret, and changes nothing', async () => {
    session = await mode.start();
    const { accountSid, apiKeySid } = session.emulator.credentials;
    await expectRestError(session.clientFor(accountSid, 'wrong-token').video.v1.rooms.create(), {
      status: 401,
      code: 20003,
    });
    await expectRestError(session.clientFor(apiKeySid, 'wrong-secret', accountSid).video.v1.rooms.list(), {
      status: 401,
      code: 20003,
    });
    expect(await session.client.video.v1.rooms.list()).toEqual([]);
  });

  it('provisions an unknown account on first use with the token it presents, then holds it to that token', async () => {
    session = await mode.start();
    const newcomer = session.clientFor(otherAccount, 'first-token');
    const room = await newcomer.video.v1.rooms.create({ uniqueName: 'mine' });
    expect(room.accountSid).toBe(otherAccount);
    await expectRestError(session.clientFor(otherAccount, 'second-token').video.v1.rooms.list(), {
      status: 401,
      code: 20003,
    });
    expect((await newcomer.video.v1.rooms.list()).map((listed) => listed.sid)).toEqual([room.sid]);
  });

  it('isolates accounts: one never sees or changes the rooms of another', async () => {
    session = await mode.start();
    const theirs = await session
      .clientFor(otherAccount, 'token')
      .video.v1.rooms.create({ uniqueName: 'shared-name' });
    await expectRestError(session.client.video.v1.rooms(theirs.sid).fetch(), { status: 404, code: 20404 });
    await expectRestError(session.client.video.v1.rooms(theirs.sid).update({ status: 'completed' }), {
      status: 404,
      code: 20404,
    });
    expect(await session.client.video.v1.rooms.list()).toEqual([]);
    // Unique names are per account, so the same name is free here.
    const mine = await session.client.video.v1.rooms.create({ uniqueName: 'shared-name' });
    expect(mine.sid).not.toBe(theirs.sid);
  });

  it('with declared accounts, refuses unknown ones instead of provisioning them', async () => {
    const accountSid = `AC${'2'.repeat(32)}`;
    session = await mode.start({
      accounts: [
        {
          sid: accountSid,
          authToken: 'declared-token',
          apiKeys: [{ sid: `SK${'3'.repeat(32)}`, secret: 's3cret' }],
        },
      ],
    });
    expect(session.emulator.credentials).toEqual({
      accountSid,
      authToken: 'declared-token',
      apiKeySid: `SK${'3'.repeat(32)}`,
      apiKeySecret: 's3cret',
    });
    await expectRestError(session.clientFor(otherAccount, 'token').video.v1.rooms.list(), {
      status: 401,
      code: 20003,
    });
    expect((await session.client.video.v1.rooms.create()).accountSid).toBe(accountSid);
    const viaKey = session.clientFor(`SK${'3'.repeat(32)}`, 's3cret', accountSid);
    expect(await viaKey.video.v1.rooms.list()).toHaveLength(1);
  });
});
