import { TwilioError, type VerifiedAccessToken } from '@roomlab/core';
import type { Emulator } from '@roomlab/emulator';

/** What the `twilio-video` SDK would get connecting with a token: its grant, or Twilio's error. */
export type TokenVerdict =
  | { ok: true; identity: string; room: string | undefined; apiKeySid: string; expiresAt: number }
  | { ok: false; code: number; message: string };

/**
 * A token's grant by the one check the signaling handshake makes on `connect` (the emulator's
 * `control.verifyToken`), and that it is this account's; otherwise Twilio's error for it. A token of
 * another account gets 20103, as its key does not belong to this one.
 */
export async function grantOf(
  emulator: Emulator,
  accountSid: string,
  token: string,
  room: string | undefined,
): Promise<VerifiedAccessToken | TwilioError> {
  try {
    const grant = await emulator.control.verifyToken(token, room);
    if (grant.accountSid === accountSid) return grant;
    return new TwilioError(
      20103,
      `${new TwilioError(20103).message}: API key ${grant.apiKeySid} does not belong to account ${accountSid}`,
    );
  } catch (error) {
    if (error instanceof TwilioError) return error;
    throw error;
  }
}

export async function verifyTokenFor(
  emulator: Emulator,
  accountSid: string,
  token: string,
  room: string | undefined,
): Promise<TokenVerdict> {
  const grant = await grantOf(emulator, accountSid, token, room);
  if (grant instanceof TwilioError) return { ok: false, code: grant.code, message: grant.message };
  const { identity, apiKeySid, expiresAt } = grant;
  return { ok: true, identity, room: grant.room, apiKeySid, expiresAt };
}
