import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { isTwilioError } from '../errors.js';
import { mintAccessToken, verifyAccessToken } from './access-token.js';

const accountSid = `AC${'a'.repeat(32)}`;
const apiKeySid = `SK${'b'.repeat(32)}`;
const apiKeySecret = 'the-api-key-secret';
const otherAccount = `AC${'c'.repeat(32)}`;
const keys: Record<string, { secret: string; accountSid: string }> = {
  [apiKeySid]: { secret: apiKeySecret, accountSid },
  [`SK${'d'.repeat(32)}`]: { secret: 'other-secret', accountSid: otherAccount },
};
const lookupApiKey = (sid: string) => keys[sid];

/** A token as an app's backend makes it, with the official library. */
function twilioToken(
  options: {
    identity?: string;
    room?: string;
    ttl?: number;
    nbf?: number;
    keySid?: string;
    secret?: string;
    account?: string;
    video?: boolean;
  } = {},
) {
  const token = new twilio.jwt.AccessToken(
    options.account ?? accountSid,
    options.keySid ?? apiKeySid,
    options.secret ?? apiKeySecret,
    {
      identity: options.identity ?? 'alice',
      ttl: options.ttl ?? 3600,
      nbf: options.nbf,
    },
  );
  if (options.video !== false) token.addGrant(new twilio.jwt.AccessToken.VideoGrant({ room: options.room }));
  return token.toJwt();
}

/** A token forged by hand, to reach the checks the library would never get wrong. */
async function forged(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret = apiKeySecret,
) {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({
    jti: `${apiKeySid}-${iat}`,
    grants: { identity: 'alice', video: {} },
    iss: apiKeySid,
    sub: accountSid,
    iat,
    exp: iat + 600,
    ...payload,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', ...header } as { alg: string })
    .sign(new TextEncoder().encode(secret));
}

async function codeOf(
  token: string,
  options: { now?: number; room?: string } = {},
): Promise<number | 'valid'> {
  try {
    await verifyAccessToken(token, { now: options.now ?? Date.now(), lookupApiKey, room: options.room });
    return 'valid';
  } catch (error) {
    if (isTwilioError(error)) return error.code;
    throw error;
  }
}

describe('Video access tokens', () => {
  it('accepts a token minted by the twilio library, and reads what it grants', async () => {
    const verified = await verifyAccessToken(twilioToken({ identity: 'alice', room: 'standup' }), {
      now: Date.now(),
      lookupApiKey,
    });
    expect(verified).toMatchObject({ accountSid, apiKeySid, identity: 'alice', room: 'standup' });
    expect(verified.expiresAt - verified.issuedAt).toBe(3600);
  });

  it('mints tokens identical in form to the twilio library’s', async () => {
    const now = Date.now();
    const ours = await mintAccessToken({
      accountSid,
      apiKeySid,
      apiKeySecret,
      identity: 'alice',
      room: 'standup',
      now,
    });
    const theirs = twilioToken({ identity: 'alice', room: 'standup' });
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs));
    const { iat: _a, exp: _b, jti: _c, ...ourClaims } = decodeJwt(ours);
    const { iat: _d, exp: _e, jti: _f, ...theirClaims } = decodeJwt(theirs);
    expect(ourClaims).toEqual(theirClaims);
    expect(decodeJwt(ours).jti).toBe(`${apiKeySid}-${Math.floor(now / 1000)}`);
    expect(await codeOf(ours)).toBe('valid');
  });

  it('accepts a token for any room when its grant names none, and for the named room only otherwise', async () => {
    expect(await codeOf(twilioToken(), { room: 'anything' })).toBe('valid');
    expect(await codeOf(twilioToken({ room: 'standup' }), { room: 'standup' })).toBe('valid');
    expect(await codeOf(twilioToken({ room: 'standup' }), { room: 'retro' })).toBe(20106);
  });

  const now = Date.now();
  const cases: [name: string, make: () => Promise<string> | string, code: number, at?: number][] = [
    ['not a JWT at all', () => 'hello', 20101],
    ['two parts', () => 'aGVsbG8.d29ybGQ', 20101],
    ['a payload that is not JSON', async () => `${btoa('{"alg":"HS256"}')}.bm90IGpzb24.c2ln`, 20101],
    ['a huge token', async () => `${'a'.repeat(20_000)}.b.c`, 20101],
    ['alg HS512', async () => forged({ alg: 'HS512' }, {}), 20102],
    [
      'alg none',
      async () => `${btoa(JSON.stringify({ alg: 'none', cty: 'twilio-fpa;v=1' }))}.${btoa('{}')}.`,
      20102,
    ],
    ['no cty', async () => forged({ cty: undefined }, {}), 20102],
    ['iss that is not an API key', async () => forged({}, { iss: accountSid }), 20103],
    ['sub that is not an account', async () => forged({}, { sub: 'someone' }), 20103],
    ['an unknown API key', async () => twilioToken({ keySid: `SK${'e'.repeat(32)}` }), 20103],
    [
      'a key of another account',
      async () => twilioToken({ keySid: `SK${'d'.repeat(32)}`, secret: 'other-secret' }),
      20103,
    ],
    ['a wrong secret', async () => twilioToken({ secret: 'guess' }), 20107],
    [
      'a tampered payload',
      async () => {
        const [head, , signature] = twilioToken().split('.');
        const payload = btoa(
          JSON.stringify({ ...decodeJwt(twilioToken()), grants: { identity: 'mallory', video: {} } }),
        ).replace(/=+$/, '');
        return `${head}.${payload}.${signature}`;
      },
      20107,
    ],
    // Checked an hour on: a 60 s token made at any point of this run has expired by then, however slow the run.
    ['an expired token', async () => twilioToken({ ttl: 60 }), 20104, now + 3_600_000],
    ['no exp', async () => forged({}, { exp: undefined }), 20104],
    ['nbf in the future', async () => twilioToken({ nbf: Math.floor(now / 1000) + 600 }), 20105],
    ['a lifetime over 24 hours', async () => twilioToken({ ttl: 86_401 }), 20157],
    ['no identity', async () => forged({}, { grants: { video: {} } }), 20106],
    ['an empty identity', async () => forged({}, { grants: { identity: '', video: {} } }), 20106],
    ['no video grant', async () => twilioToken({ video: false }), 20106],
    ['no grants', async () => forged({}, { grants: undefined }), 20106],
    ['an identity of 129 characters', async () => twilioToken({ identity: 'x'.repeat(129) }), 53201],
    ['an identity with a control character', async () => twilioToken({ identity: 'alice\u0007' }), 53202],
  ];
  it.each(cases)('refuses %s', async (_case, make, code, at) => {
    expect(await codeOf(await make(), { now: at ?? Date.now() })).toBe(code);
  });

  it('refuses a token once its key is deleted', async () => {
    const token = twilioToken();
    const deleted = async () => verifyAccessToken(token, { now: Date.now(), lookupApiKey: () => undefined });
    await expect(deleted()).rejects.toMatchObject({ code: 20103, status: 401 });
  });
});
