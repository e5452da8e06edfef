import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRef } from './engine-refs.js';
import { requireAccount } from './lookup.js';
import type { BandwidthProfileRecord } from './records.js';

/**
 * Named bandwidth profiles (the Video guide's `POST /v1/Video/Profiles`, a roomlab extension: Twilio
 * takes the profile from each client's connect options only). The latest one stored is the account's
 * default: connections that bring no `bandwidthProfile` of their own get it.
 */

export interface BandwidthProfileInput {
  name: unknown;
  maxSubscriptionBitrate: unknown;
}

const maxNameLength = 128;

export function storeBandwidthProfile(
  context: EngineContext,
  ref: AccountRef,
  input: BandwidthProfileInput,
): BandwidthProfileRecord {
  const { name, maxSubscriptionBitrate } = input;
  if (typeof name !== 'string' || name.length === 0 || name.length > maxNameLength)
    throw new TwilioError(20001, `Invalid name: a text of 1 to ${maxNameLength} characters is required`);
  if (
    typeof maxSubscriptionBitrate !== 'number' ||
    !Number.isInteger(maxSubscriptionBitrate) ||
    maxSubscriptionBitrate <= 0
  )
    throw new TwilioError(
      20001,
      'Invalid maxSubscriptionBitrate: a whole number of bits per second above 0 is required',
    );
  const account = requireAccount(context, ref);
  const now = context.clock.now();
  const known = account.bandwidthProfiles.get(name);
  const profile: BandwidthProfileRecord = {
    accountSid: account.sid,
    name,
    maxSubscriptionBitrate,
    dateCreated: known?.dateCreated ?? now,
    dateUpdated: now,
  };
  // The latest stored is the default: it goes last.
  account.bandwidthProfiles.delete(name);
  account.bandwidthProfiles.set(name, profile);
  return profile;
}

/** The account's default profile: the one stored last; undefined when none was. */
export function defaultBandwidthProfile(
  context: EngineContext,
  ref: AccountRef,
): BandwidthProfileRecord | undefined {
  return [...requireAccount(context, ref).bandwidthProfiles.values()].at(-1);
}
