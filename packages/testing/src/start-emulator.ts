import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintAccessToken } from '@roomlab/core';
import {
  attachSignaling,
  connectScripted,
  createEmulator,
  createSfu,
  diskMediaStorage,
  type Emulator,
  type EmulatorOptions,
  loadMediaStack,
  type NetworkSettings,
  type NetworkState,
  type ScriptedTrack,
  startServer,
} from '@roomlab/emulator';
import { startInProcess } from '@roomlab/emulator/msw';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import twilio from 'twilio';
import { type DominantSpeakerHelpers, dominantSpeakerHelpers } from './dominant-speaker.js';
import { type MediaHelpers, mediaHelpers } from './media-helpers.js';
import { connectedSid, networkControl, type TestParticipant } from './network.js';
import { captureWebhooks, type WebhookCapture } from './webhook-capture.js';

export type Twilio = ReturnType<typeof twilio>;

export interface StartEmulatorOptions extends EmulatorOptions {
  /**
   * `in-process` (default): msw answers `https://video.twilio.com` and `api.twilio.com` in this process,
   * so code that makes its own `twilio` client needs no change; one such emulator at a time.
   * `server`: an HTTP server on a free loopback port, reached through `emulatorHttpClient`.
   */
  mode?: 'in-process' | 'server';
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
  /** A participant driven by code joins a room (created on the fly), as other clients will see. */
  join(identity: string, options?: { room?: string; tracks?: ScriptedTrack[] }): Promise<TestParticipant>;
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

export interface TestEmulator extends TestAccount {
  emulator: Emulator;
  /** Where REST requests go: `https://video.twilio.com` in process, `http://127.0.0.1:PORT` as a server. */
  url: string;
  /** The `twilio-video` SDK's `wsServer`: `ws://127.0.0.1:PORT/signaling`. */
  signalingUrl: string;
  /** A fresh account (a new SID and token, provisioned on first use), isolated from every other. */
  account(): Promise<TestAccount>;
  /** A loopback receiver for status callbacks; closed by `stop()`. */
  webhooks(): Promise<WebhookCapture>;
  /** Moves the emulator's clock forward (timeouts fire, tokens expire). */
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

const randomHex = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Starts an emulator for a test suite, with a client, tokens, scripted participants and webhook capture. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const mode = options.mode ?? 'in-process';
  const closers: (() => Promise<void> | void)[] = [];
  let emulator: Emulator;
  let url: string;
  let signalingUrl: string;
  let httpClient: ((base: string) => ReturnType<typeof emulatorHttpClient>) | undefined;

  if (mode === 'server') {
    const server = await startServer({ port: 0, ...options });
    emulator = server.emulator;
    url = server.url;
    signalingUrl = server.signalingUrl;
    httpClient = (base) => emulatorHttpClient(base);
    closers.push(() => server.close());
  } else {
    emulator = createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage(), ...options });
    const intercepting = startInProcess({ emulator });
    closers.push(async () => {
      intercepting.close();
      // As a server's close() does: recordings still being written are finished, then the files go.
      await emulator.mediaStorage.close();
    });
    // The SDK's signaling is a WebSocket, which msw's Node interception does not carry: serve it on loopback.
    const sockets: Server = createServer((_request, response) => {
      response.statusCode = 404;
      response.end();
    });
    const detach = attachSignaling(sockets, emulator.signaling);
    await new Promise<void>((resolve) => sockets.listen(0, '127.0.0.1', resolve));
    signalingUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/signaling`;
    url = 'https://video.twilio.com';
    closers.unshift(
      () =>
        new Promise<void>((resolve) => {
          detach();
          sockets.close(() => resolve());
          sockets.closeAllConnections();
        }),
    );
  }

  const accountFor = (credentials: {
    accountSid: string;
    authToken: string;
    apiKeySid: string;
    apiKeySecret: string;
  }): TestAccount => {
    const client = twilio(
      credentials.accountSid,
      credentials.authToken,
      httpClient ? { httpClient: httpClient(url) } : {},
    );
    const token = (identity: string, tokenOptions: { room?: string; ttl?: number } = {}) =>
      mintAccessToken({ ...credentials, identity, ...tokenOptions, now: emulator.control.now() });
    return {
      ...credentials,
      client,
      token,
      ...dominantSpeakerHelpers(emulator, credentials.accountSid),
      media: mediaHelpers({
        emulator,
        accountSid: credentials.accountSid,
        url,
        authorization: `Basic ${btoa(`${credentials.accountSid}:${credentials.authToken}`)}`,
      }),
      async join(identity, joinOptions = {}) {
        // The emulator would load its media stack as this participant joins, while its tracks'
        // recordings run on the clock: it is loaded first, so they last only as long as the test says.
        await loadMediaStack();
        const participant = await connectScripted(signalingUrl, await token(identity), {
          name: joinOptions.room,
          tracks: joinOptions.tracks,
        });
        closers.unshift(() => (participant.ended ? undefined : participant.disconnect()));
        return Object.assign(
          participant,
          networkControl(emulator, () => participant.sid),
        );
      },
      network: (identity, settings, where = {}) =>
        networkControl(emulator, () =>
          connectedSid(emulator.engine, credentials.accountSid, identity, where.room),
        ).network(settings),
      clearNetwork: (identity, where = {}) =>
        networkControl(emulator, () =>
          connectedSid(emulator.engine, credentials.accountSid, identity, where.room),
        ).clearNetwork(),
    };
  };

  const main = accountFor(emulator.credentials);
  return {
    ...main,
    emulator,
    url,
    signalingUrl,
    async account() {
      const accountSid = `AC${randomHex()}`;
      const authToken = randomHex();
      const account = emulator.engine.addAccount({ sid: accountSid, authToken, apiKeys: [{}] });
      const [key] = [...account.apiKeys.values()];
      return accountFor({
        accountSid,
        authToken,
        apiKeySid: key?.sid ?? '',
        apiKeySecret: key?.secret ?? '',
      });
    },
    async webhooks() {
      const capture = await captureWebhooks();
      closers.unshift(() => capture.close());
      return capture;
    },
    advanceClock: (ms) => {
      emulator.control.advanceClock(ms);
    },
    async stop() {
      for (const close of closers.splice(0)) await close();
    },
  };
}
