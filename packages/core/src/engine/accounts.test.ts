import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

const stranger = `AC${'7'.repeat(32)}`;

describe('accounts and credentials', () => {
  it('authenticates an account SID with its auth token, and an API key SID with its secret', () => {
    const { engine, account } = engineFixture();
    const [key] = [...account.apiKeys.values()];
    expect(engine.authenticate({ username: account.sid, password: account.authToken })).toBe(account.sid);
    expect(engine.authenticate({ username: key?.sid ?? '', password: key?.secret ?? '' })).toBe(account.sid);
  });

  it('refuses wrong secrets, malformed usernames and deleted keys with 20003', () => {
    const { engine, account } = engineFixture();
    const key = engine.createApiKey({ accountSid: account.sid });
    expect(codeOf(() => engine.authenticate({ username: account.sid, password: 'wrong' }))).toBe(20003);
    expect(codeOf(() => engine.authenticate({ username: key.sid, password: 'wrong' }))).toBe(20003);
    expect(codeOf(() => engine.authenticate({ username: 'alice', password: 'secret' }))).toBe(20003);
    expect(codeOf(() => engine.authenticate({ username: account.sid, password: '' }))).toBe(20003);
    engine.deleteApiKey({ accountSid: account.sid, keySid: key.sid });
    expect(codeOf(() => engine.authenticate({ username: key.sid, password: key.secret }))).toBe(20003);
  });

  it('provisions an unknown account on first use when allowed, keeping the token it came with', () => {
    const { engine } = engineFixture({ provisionAccountsOnFirstUse: true });
    expect(engine.authenticate({ username: stranger, password: 'first' })).toBe(stranger);
    expect(engine.getAccount(stranger)?.authToken).toBe('first');
    expect(codeOf(() => engine.authenticate({ username: stranger, password: 'second' }))).toBe(20003);
  });

  it('refuses unknown accounts when provisioning is off', () => {
    const { engine } = engineFixture({ provisionAccountsOnFirstUse: false });
    expect(codeOf(() => engine.authenticate({ username: stranger, password: 'token' }))).toBe(20003);
    expect(engine.getAccount(stranger)).toBeUndefined();
  });

  it('keeps each account to its own rooms', () => {
    const { engine, accountSid } = engineFixture();
    const other = engine.addAccount().sid;
    const room = engine.createRoom({ accountSid: other }, { uniqueName: 'theirs' });
    expect(engine.findRoom({ accountSid, room: room.sid })).toBeUndefined();
    expect(codeOf(() => engine.getRoom({ accountSid, room: 'theirs' }))).toBe(20404);
    expect(codeOf(() => engine.completeRoom({ accountSid, room: room.sid }))).toBe(20404);
    expect(engine.listRooms({ accountSid })).toEqual([]);
    expect(engine.createRoom({ accountSid }, { uniqueName: 'theirs' }).sid).not.toBe(room.sid);
  });

  it('refuses seeds with malformed or duplicate SIDs', () => {
    const { engine, accountSid } = engineFixture();
    expect(codeOf(() => engine.addAccount({ sid: 'AC123' }))).toBe(20001);
    expect(codeOf(() => engine.addAccount({ sid: accountSid }))).toBe(20001);
    expect(codeOf(() => engine.createApiKey({ accountSid }, { sid: 'SKnope' }))).toBe(20001);
  });
});
