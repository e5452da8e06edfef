import { type ManualClock, manualClock } from '@roomlab/core';
import twilio from 'twilio';
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

function prepare(options: EmulatorOptions) {
  const clock = manualClock();
  const problems: string[] = [];
  const emulator = createEmulator({ clock, sids: { seed: 'roomlab-tests' }, ...options });
  const checked: Emulator = { ...emulator, handle: conformingHandler(emulator.handle, problems) };
  const { accountSid, authToken } = emulator.credentials;
  return { clock, problems, emulator, checked, accountSid, authToken };
}

/** msw intercepts `https://video.twilio.com` inside this process: the client runs with no options at all. */
export const mswMode: Mode = {
  name: 'in process (msw)',
  async start(options = {}) {
    const { clock, problems, emulator, checked, accountSid, authToken } = prepare(options);
    const running = startInProcess({ emulator: checked });
    const clientFor = (username: string, password: string, sid?: string) =>
      twilio(username, password, { accountSid: sid, autoRetry: false });
    return {
      client: clientFor(accountSid, authToken),
      emulator,
      clock,
      origin: 'https://video.twilio.com',
      problems,
      clientFor,
      close: async () => running.close(),
    };
  },
};

/** The Express server on a loopback port the OS picks, reached through `emulatorHttpClient`. */
export const serverMode: Mode = {
  name: 'over HTTP (express)',
  async start(options = {}) {
    const { clock, problems, emulator, checked, accountSid, authToken } = prepare(options);
    const running = await startServer({ emulator: checked });
    const clientFor = (username: string, password: string, sid?: string) =>
      twilio(username, password, { accountSid: sid, httpClient: emulatorHttpClient(running.url) });
    return {
      client: clientFor(accountSid, authToken),
      emulator,
      clock,
      origin: running.url,
      problems,
      clientFor,
      close: () => running.close(),
    };
  },
};

/** The handler called directly through `inProcessHttpClient`: no HTTP, no interception. */
export const directMode: Mode = {
  name: 'in process (direct)',
  async start(options = {}) {
    const { clock, problems, emulator, checked, accountSid, authToken } = prepare(options);
    const clientFor = (username: string, password: string, sid?: string) =>
      twilio(username, password, { accountSid: sid, httpClient: inProcessHttpClient(checked.handle) });
    return {
      client: clientFor(accountSid, authToken),
      emulator,
      clock,
      origin: 'https://video.twilio.com',
      problems,
      clientFor,
      close: async () => emulator.close(),
    };
  },
};

export const modes: Mode[] = [mswMode, serverMode, directMode];
