import { type ManualClock, manualClock } from '@roomlab/core';
import twilio from 'twilio';
import { afterEach, beforeEach, expect } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.js';
import { startInProcess } from '../msw-node.js';
import { startServer } from '../server.js';
import { emulatorHttpClient, inProcessHttpClient } from '../twilio-http-client.js';
import { conformingHandler } from './conforming-handler.js';

export type Twilio = ReturnType<typeof twilio>;

/** An emulator reached by the official `twilio` client one way or another, with every response checked. */
export interface ClientSession {
  client: Twilio;
  emulator: Emulator;
  clock: ManualClock;
  /** Where the client's requests land: `https://video.twilio.com` in process, `http://127.0.0.1:N` over HTTP. */
  origin: string;
  /** Spec conformance problems seen so far; tests assert it stays empty. */
  problems: string[];
  /** A client for other credentials on the same emulator and transport. */
  clientFor(username: string, password: string, accountSid?: string): Twilio;
  close(): Promise<void>;
}

export interface Mode {
  name: string;
  start(options?: EmulatorOptions): Promise<ClientSession>;
}

type ClientFor = ClientSession['clientFor'];

/** A session over a fresh emulator; `connect` says how the client reaches it (and how that stops). */
async function openSession(
  options: EmulatorOptions,
  connect: (checked: Emulator) => Promise<{ origin: string; clientFor: ClientFor; close(): Promise<void> }>,
): Promise<ClientSession> {
  const clock = manualClock();
  const problems: string[] = [];
  const emulator = createEmulator({ clock, sids: { seed: 'roomlab-tests' }, ...options });
  const checked: Emulator = { ...emulator, handle: conformingHandler(emulator.handle, problems) };
  const { accountSid, authToken } = emulator.credentials;
  const { origin, clientFor, close } = await connect(checked);
  return { client: clientFor(accountSid, authToken), emulator, clock, origin, problems, clientFor, close };
}

/** msw intercepts `https://video.twilio.com` inside this process: the client runs with no options at all. */
export const mswMode: Mode = {
  name: 'in process (msw)',
  start: (options = {}) =>
    openSession(options, async (checked) => {
      const running = startInProcess({ emulator: checked });
      return {
        origin: 'https://video.twilio.com',
        clientFor: (username, password, sid) =>
          twilio(username, password, { accountSid: sid, autoRetry: false }),
        close: async () => running.close(),
      };
    }),
};

/** The Express server on a loopback port the OS picks, reached through `emulatorHttpClient`. */
export const serverMode: Mode = {
  name: 'over HTTP (express)',
  start: (options = {}) =>
    openSession(options, async (checked) => {
      const running = await startServer({ emulator: checked });
      return {
        origin: running.url,
        clientFor: (username, password, sid) =>
          twilio(username, password, { accountSid: sid, httpClient: emulatorHttpClient(running.url) }),
        close: () => running.close(),
      };
    }),
};

/** The handler called directly through `inProcessHttpClient`: no HTTP, no interception. */
export const directMode: Mode = {
  name: 'in process (direct)',
  start: (options = {}) =>
    openSession(options, async (checked) => ({
      origin: 'https://video.twilio.com',
      clientFor: (username, password, sid) =>
        twilio(username, password, { accountSid: sid, httpClient: inProcessHttpClient(checked.handle) }),
      close: async () => checked.close(),
    })),
};

export const modes: Mode[] = [mswMode, serverMode, directMode];

/**
 * A fresh session for each test of the enclosing `describe`: started before it, closed after it, and
 * checked to have seen no spec conformance problem. The returned object is the current session.
 */
export function sessionPerTest(mode: Mode, options?: EmulatorOptions): ClientSession {
  const session = {} as ClientSession;
  beforeEach(async () => {
    Object.assign(session, await mode.start(options));
  });
  afterEach(async () => {
    await session.close();
    expect(session.problems).toEqual([]);
  });
  return session;
}
