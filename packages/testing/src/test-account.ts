import { createRequire } from 'node:module';
import { mintAccessToken, TwilioError } from '@roomlab/core';
import {
  connectScripted,
  type Emulator,
  loadMediaStack,
  type NetworkSettings,
  type NetworkState,
  type ScriptedTrack,
} from '@roomlab/emulator';
import type { emulatorHttpClient } from '@roomlab/emulator/twilio';
import type twilioLibrary from 'twilio';
import { type DominantSpeakerHelpers, dominantSpeakerHelpers } from './dominant-speaker.js';
import { type MediaHelpers, mediaHelpers } from './media-helpers.js';
import { connectedSid, networkControl, type TestParticipant } from './network.js';
import { grantOf, type TokenVerdict, verifyTokenFor } from './verify-token.js';

export type Twilio = ReturnType<typeof twilioLibrary>;

/** The `twilio` library (CommonJS, so `require` loads it at once), loaded when a client is first read. */
const twilio = (): typeof twilioLibrary => createRequire(import.meta.url)('twilio');

export interface JoinOptions {
  room?: string;
  tracks?: ScriptedTrack[];
  /** An access token the app minted, to join with instead of one minted by roomlab. */
  token?: string;
}

/** An account of its own, for a test that must not see others' rooms. */
export interface TestAccount extends DominantSpeakerHelpers {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** A `twilio` client signed in as this account. */
  client: Twilio;
  /** An access token for the `twilio-video` SDK (or `join`) as `identity`. */
  token(identity: string, options?: { room?: string; ttl?: number }): Promise<string>;
  /**
   * A participant driven by code joins a room (created on the fly), as other clients will see; with
   * `token`, it connects with that token as the SDK would, and rejects with Twilio's code when refused.
   */
  join(identity: string, options?: JoinOptions): Promise<TestParticipant>;
  /** What the SDK would get connecting with `token` (to `room`): its grant, or Twilio's error. */
  verifyToken(token: string, options?: { room?: string }): Promise<TokenVerdict>;
  /**
   * Forces the network quality level of a connected participant of this account (a real SDK client or
   * a scripted one, by identity; name the `room` if it is in several) and/or impairs its media path:
   * `{ level, packetLossPercent, latencyMs, jitterMs, bandwidthKbps }`. A roomlab extension.
   */
  network(identity: string, settings: NetworkSettings, options?: { room?: string }): NetworkState;
  /** Stops forcing its level and clears the impairment. */
  clearNetwork(identity: string, options?: { room?: string }): NetworkState;
  /** Waits for recordings and compositions of this account to finish, and reads their media. */
  media: MediaHelpers;
}

export interface AccountCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

/** What accounts share: the emulator, where it answers, and the list of what `stop()` closes. */
export interface AccountContext {
  emulator: Emulator;
  url: string;
  signalingUrl: string;
  httpClient: ((base: string) => ReturnType<typeof emulatorHttpClient>) | undefined;
  closers: (() => Promise<void> | void)[];
}

export function testAccount(context: AccountContext, credentials: AccountCredentials): TestAccount {
  const { emulator, url, httpClient } = context;
  let client: Twilio | undefined;
  const token = (identity: string, tokenOptions: { room?: string; ttl?: number } = {}) =>
    mintAccessToken({ ...credentials, identity, ...tokenOptions, now: emulator.control.now() });
  const byIdentity = (identity: string, where: { room?: string }) =>
    networkControl(emulator, () =>
      connectedSid(emulator.engine, credentials.accountSid, identity, where.room),
    );
  return {
    ...credentials,
    get client() {
      client ??= twilio()(
        credentials.accountSid,
        credentials.authToken,
        httpClient ? { httpClient: httpClient(url) } : {},
      );
      return client;
    },
    token,
    ...dominantSpeakerHelpers(emulator, credentials.accountSid),
    media: mediaHelpers({
      emulator,
      accountSid: credentials.accountSid,
      url,
      authorization: `Basic ${btoa(`${credentials.accountSid}:${credentials.authToken}`)}`,
    }),
    async join(identity, joinOptions = {}) {
      if (joinOptions.token)
        await assertTokenFor(context, {
          ...credentials,
          identity,
          token: joinOptions.token,
          room: joinOptions.room,
        });
      return joinAs(context, joinOptions.token ?? (await token(identity)), joinOptions);
    },
    verifyToken: (candidate, where = {}) =>
      verifyTokenFor(emulator, credentials.accountSid, candidate, where.room),
    network: (identity, settings, where = {}) => byIdentity(identity, where).network(settings),
    clearNetwork: (identity, where = {}) => byIdentity(identity, where).clearNetwork(),
  };
}

/**
 * An app's token joins as the account and identity it grants: one for another account or identity is
 * refused before connecting. Any other refusal is left to the signaling server, which gives the SDK's.
 */
async function assertTokenFor(
  context: AccountContext,
  expected: { accountSid: string; identity: string; token: string; room: string | undefined },
): Promise<void> {
  const { identity } = expected;
  const grant = await grantOf(context.emulator, expected.accountSid, expected.token, expected.room);
  if (grant instanceof TwilioError) {
    // 20103 is the one refusal the signaling server would not make for another account's token.
    if (grant.code === 20103) throw grant;
    return;
  }
  if (grant.identity !== identity)
    throw new Error(
      `roomlab: join('${identity}') was given a token for '${grant.identity}': pass the identity the token grants`,
    );
}

async function joinAs(
  context: AccountContext,
  token: string,
  options: JoinOptions,
): Promise<TestParticipant> {
  // The emulator would load its media stack as this participant joins, while its tracks' recordings
  // run on the clock: it is loaded first, so they last only as long as the test says.
  await loadMediaStack();
  const participant = await connectScripted(context.signalingUrl, token, {
    name: options.room,
    tracks: options.tracks,
  });
  context.closers.unshift(() => (participant.ended ? undefined : participant.disconnect()));
  return Object.assign(
    participant,
    networkControl(context.emulator, () => participant.sid),
  );
}
