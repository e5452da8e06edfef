import { TwilioError } from '../errors.js';
import { isSid } from '../sid.js';
import type { AccountSeed, ApiKeySeed } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRef, ApiKeyRef } from './engine-refs.js';
import { requireAccount } from './lookup.js';
import { defaultMediaSettings } from './media-settings.js';
import type { AccountRecord, ApiKeyRecord } from './records.js';

/** Accounts (the tenants that isolate tests) and their API keys, and HTTP Basic authentication. */

const newSecret = (context: EngineContext) => context.newSid('AC').slice(2);

export function addAccount(context: EngineContext, seed: AccountSeed = {}): AccountRecord {
  const sid = seed.sid ?? context.newSid('AC');
  if (!isSid(sid, 'AC'))
    throw new TwilioError(20001, `Account SID "${sid}" is not of the form AC + 32 hex digits`);
  if (context.accounts.has(sid)) throw new TwilioError(20001, `Account ${sid} already exists`);
  const account: AccountRecord = {
    sid,
    authToken: seed.authToken ?? newSecret(context),
    friendlyName: seed.friendlyName ?? `roomlab account ${sid}`,
    dateCreated: context.clock.now(),
    apiKeys: new Map(),
    rooms: new Map(),
    inProgressRoomsByName: new Map(),
    recordings: new Map(),
    compositions: new Map(),
    mediaSettings: defaultMediaSettings(),
    compositionHooks: new Map(),
    bandwidthProfiles: new Map(),
  };
  context.accounts.set(sid, account);
  for (const key of seed.apiKeys ?? []) createApiKey(context, { accountSid: sid }, key);
  return account;
}

export function createApiKey(context: EngineContext, ref: AccountRef, seed: ApiKeySeed = {}): ApiKeyRecord {
  const account = requireAccount(context, ref);
  const sid = seed.sid ?? context.newSid('SK');
  if (!isSid(sid, 'SK'))
    throw new TwilioError(20001, `API key SID "${sid}" is not of the form SK + 32 hex digits`);
  if (context.apiKeys.has(sid)) throw new TwilioError(20001, `API key ${sid} already exists`);
  const now = context.clock.now();
  const key: ApiKeyRecord = {
    sid,
    accountSid: account.sid,
    secret: seed.secret ?? newSecret(context),
    friendlyName: seed.friendlyName ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  account.apiKeys.set(sid, key);
  context.apiKeys.set(sid, key);
  return key;
}

export function getApiKey(context: EngineContext, ref: ApiKeyRef): ApiKeyRecord {
  const key = requireAccount(context, ref).apiKeys.get(ref.keySid);
  if (!key)
    throw new TwilioError(20404, `The requested resource /Keys/${ref.keySid.slice(0, 64)} was not found`);
  return key;
}

export function updateApiKey(
  context: EngineContext,
  ref: ApiKeyRef,
  update: { friendlyName?: string },
): ApiKeyRecord {
  const key = getApiKey(context, ref);
  if (update.friendlyName !== undefined) {
    key.friendlyName = update.friendlyName;
    key.dateUpdated = context.clock.now();
  }
  return key;
}

export function deleteApiKey(context: EngineContext, ref: ApiKeyRef): void {
  const account = requireAccount(context, ref);
  if (!account.apiKeys.delete(ref.keySid))
    throw new TwilioError(20404, `API key ${ref.keySid} was not found`);
  context.apiKeys.delete(ref.keySid);
}

const denied = () =>
  new TwilioError(20003, 'Authentication Error - the credentials presented were not accepted');

export function authenticate(
  context: EngineContext,
  { username, password }: { username: string; password: string },
): string {
  // A known account is one map lookup: checking the SID's form first cost more than that on every request.
  const known = context.accounts.get(username);
  if (known) {
    if (password.length === 0 || known.authToken !== password) throw denied();
    return known.sid;
  }
  if (isSid(username, 'SK')) {
    const key = context.apiKeys.get(username);
    if (!key || key.secret !== password) throw denied();
    return key.accountSid;
  }
  if (!isSid(username, 'AC') || password.length === 0) throw denied();
  if (!context.provisionAccountsOnFirstUse || password.length > 256) throw denied();
  return addAccount(context, { sid: username, authToken: password }).sid;
}
