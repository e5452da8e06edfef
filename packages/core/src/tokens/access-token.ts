import { TwilioError, type TwilioErrorCode } from '../errors.js';
import { isSid } from '../sid.js';

/**
 * Twilio Access Tokens for Video: JWTs signed with HS256 by an API key secret, with the header
 * `cty: twilio-fpa;v=1`, `iss` the API key SID, `sub` the account SID, and `grants.identity` plus
 * `grants.video` (optionally naming the one room the token may join). Minted here exactly as the
 * `twilio` library's `jwt.AccessToken` mints them, and checked the way Twilio checks them.
 */

export const accessTokenMaxTtlSeconds = 24 * 60 * 60;
const contentType = 'twilio-fpa;v=1';

/** jose, loaded when a token is first minted or verified: most processes start without needing it. */
let joseLoad: Promise<typeof import('jose')> | undefined;
const loadJose = () => {
  joseLoad ??= import('jose');
  return joseLoad;
};

export interface MintAccessTokenOptions {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  identity: string;
  /** The only room the token may join; any room when absent. */
  room?: string;
  /** Seconds the token lives (default 3600, at most 86400). */
  ttl?: number;
  /** Issue time in epoch milliseconds (default: now). Pass the emulator's clock to mint on its time. */
  now?: number;
  /** Not-before, in epoch seconds, as `jwt.AccessToken`'s `nbf` option. */
  nbf?: number;
}

export async function mintAccessToken(options: MintAccessTokenOptions): Promise<string> {
  const { SignJWT } = await loadJose();
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const video = options.room === undefined ? {} : { room: options.room };
  const jwt = new SignJWT({
    jti: `${options.apiKeySid}-${iat}`,
    grants: { identity: options.identity, video },
    ...(options.nbf === undefined ? {} : { nbf: options.nbf }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: contentType })
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttl ?? 3600))
    .setIssuer(options.apiKeySid)
    .setSubject(options.accountSid);
  return jwt.sign(new TextEncoder().encode(options.apiKeySecret));
}

/** What a valid Video token grants. */
export interface VerifiedAccessToken {
  accountSid: string;
  apiKeySid: string;
  identity: string;
  /** The room the grant names, if it names one. */
  room: string | undefined;
  issuedAt: number;
  expiresAt: number;
}

export interface VerifyAccessTokenOptions {
  /** The current time in epoch milliseconds (the emulator's clock). */
  now: number;
  /** The secret and owner of an API key SID, or undefined when no such key exists (or it was deleted). */
  lookupApiKey(sid: string): { secret: string; accountSid: string } | undefined;
  /** The room being joined: a token whose grant names another room is refused. */
  room?: string;
}

const fail = (code: TwilioErrorCode, detail: string) =>
  new TwilioError(code, `${new TwilioError(code).message}: ${detail}`);

function claims(
  token: string,
  { decodeJwt, decodeProtectedHeader }: typeof import('jose'),
): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  if (typeof token !== 'string' || token.length > 16_384 || token.split('.').length !== 3) {
    throw fail(20101, 'it is not a JSON Web Token');
  }
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, payload: decodeJwt(token) };
  } catch {
    throw fail(20101, 'its header or payload is not base64url-encoded JSON');
  }
}

/**
 * Checks a token as Twilio does and returns what it grants, or throws Twilio's error for the first
 * problem: 20101 malformed, 20102 header, 20103 issuer/subject or unknown key, 20107 signature,
 * 20104 expired, 20105 not yet valid, 20157 lifetime over 24 hours, 20106 grants, 53201/53202 identity.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<VerifiedAccessToken> {
  const jose = await loadJose();
  const { header, payload } = claims(token, jose);
  if (header.alg !== 'HS256') throw fail(20102, `alg must be HS256, not ${String(header.alg).slice(0, 16)}`);
  if (header.cty !== contentType) throw fail(20102, `cty must be ${contentType}`);
  if (header.typ !== undefined && header.typ !== 'JWT') throw fail(20102, 'typ must be JWT');

  const { iss, sub } = payload;
  if (typeof iss !== 'string' || !isSid(iss, 'SK')) throw fail(20103, 'iss must be an API key SID (SK...)');
  if (typeof sub !== 'string' || !isSid(sub, 'AC')) throw fail(20103, 'sub must be an account SID (AC...)');
  const key = options.lookupApiKey(iss);
  if (!key) throw fail(20103, `API key ${iss} does not exist`);
  if (key.accountSid !== sub) throw fail(20103, `API key ${iss} does not belong to account ${sub}`);

  try {
    await jose.compactVerify(token, new TextEncoder().encode(key.secret), { algorithms: ['HS256'] });
  } catch {
    throw fail(20107, `the signature does not match API key ${iss}`);
  }

  const now = Math.floor(options.now / 1000);
  const { exp, iat, nbf } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw fail(20104, 'exp is missing or not a number');
  if (exp <= now) throw fail(20104, `it expired at ${new Date(exp * 1000).toISOString()}`);
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) throw fail(20105, 'nbf is in the future');
  const issuedAt = typeof iat === 'number' ? iat : now;
  if (exp - issuedAt > accessTokenMaxTtlSeconds || exp - now > accessTokenMaxTtlSeconds) {
    throw fail(20157, 'it lives longer than 24 hours');
  }

  const grants = payload.grants as { identity?: unknown; video?: unknown } | undefined;
  if (typeof grants !== 'object' || grants === null) throw fail(20106, 'it has no grants');
  const { identity, video } = grants;
  if (typeof identity !== 'string' || identity.length === 0) throw fail(20106, 'it has no identity');
  if (typeof video !== 'object' || video === null) throw fail(20106, 'it has no video grant');
  const room = (video as { room?: unknown }).room;
  if (room !== undefined && typeof room !== 'string')
    throw fail(20106, 'the video grant room is not a string');
  if (options.room !== undefined && room !== undefined && room !== options.room) {
    throw fail(
      20106,
      `the video grant is for room "${room.slice(0, 128)}", not "${options.room.slice(0, 128)}"`,
    );
  }
  if (identity.length > 128)
    throw new TwilioError(53201, 'Participant identity is too long: at most 128 characters');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(identity))
    throw new TwilioError(53202, 'Participant identity contains invalid characters');

  return { accountSid: sub, apiKeySid: iss, identity, room, issuedAt, expiresAt: exp };
}
