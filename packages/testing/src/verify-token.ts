import { TwilioError } from '@roomlab/core';
import type { Emulator } from '@roomlab/emulator';

/** What the `twilio-video` SDK would get connecting with a token: its grant, or Twilio's error. */
export type TokenVerdict =
  | { ok: true; identity: string; room: string | undefined; apiKeySid: string; expiresAt: number }
  | { ok: false; code: number; message: string };

/**
 * Checks a token with the one check the signaling handshake makes on `connect` (the emulator's
 * `control.verifyToken`), and that it is this account's: a token of another account is refused with
 * 20103, as its key does not belong to this one.
 */
export async function verifyTokenFor(
  emulator: Emulator,
  accountSid: string,
  token: string,
  room: string | undefined,
): Promise<TokenVerdict> {
  try {
    const grant = await emulator.control.verifyToken(token, room);
    if (grant.accountSid !== accountSid)
      throw new TwilioError(
        20103,
        `${new TwilioError(20103).message}: API key ${grant.apiKeySid} does not belong to account ${accountSid}`,
      );
    const { identity, apiKeySid, expiresAt } = grant;
    return { ok: true, identity, room: grant.room, apiKeySid, expiresAt };
  } catch (error) {
    if (error instanceof TwilioError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
