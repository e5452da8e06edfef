import { checkResponse } from '@roomlab/core/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';
import { type RunningServer, startServer } from '../server.js';
import { hostileRequests } from '../test-support/hostile-requests.js';

/**
 * Bad input gets Twilio's error and changes nothing. Each case is sent to an emulator holding a room
 * with a participant; the test compares everything REST can see, and the event log, before and after.
 */
let emulator: Emulator;
let server: RunningServer;
let roomSid: string;
let participantSid: string;
let auth: string;

beforeAll(async () => {
  emulator = createEmulator({ sids: { seed: 'hostile' } });
  server = await startServer({ emulator });
  const { accountSid, authToken } = emulator.credentials;
  auth = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  roomSid = emulator.engine.createRoom({ accountSid }, { uniqueName: 'target' }).sid;
  participantSid = emulator.engine.connectParticipant(
    { accountSid, room: roomSid },
    { identity: 'alice' },
  ).sid;
});
afterAll(async () => {
  await server.close();
});

async function visibleState(): Promise<string> {
  const paths = [
    '/v1/Rooms?Status=in-progress',
    '/v1/Rooms?Status=completed',
    `/v1/Rooms/${roomSid}/Participants`,
    `/v1/Rooms/${roomSid}/Participants?Status=disconnected`,
    `/v1/Rooms/${roomSid}/RecordingRules`,
    `/v1/Rooms/${roomSid}/Participants/${participantSid}/SubscribeRules`,
  ];
  const bodies = await Promise.all(
    paths.map(async (path) => (await fetch(server.url + path, { headers: { authorization: auth } })).text()),
  );
  return JSON.stringify([bodies, emulator.engine.events().length]);
}

describe('hostile input', () => {
  it.each(hostileRequests)('$name → $status/$code, and nothing changes', async (hostile) => {
    const before = await visibleState();
    const headers: Record<string, string> = {
      ...(hostile.anonymous ? {} : { authorization: auth }),
      ...hostile.headers,
    };
    const method = hostile.method ?? 'GET';
    const path = hostile.path.replace(
      'SUBSCRIBE_RULES',
      `/v1/Rooms/${roomSid}/Participants/${participantSid}/SubscribeRules`,
    );
    const response = await rawRequest(method, path, headers, hostile.body);
    const body = JSON.parse(response.text) as { code: number; message: string };
    expect({ status: response.status, code: body.code }).toEqual({
      status: hostile.status,
      code: hostile.code,
    });
    expect(body.message.length).toBeGreaterThan(10);
    expect(checkResponse({ method, url: server.url + path, status: response.status, body })).toEqual([]);
    expect(await visibleState()).toBe(before);
  });

  it('answers a request for an unknown method with the methods that exist, in an Allow header', async () => {
    const response = await fetch(`${server.url}/v1/Rooms/target`, {
      method: 'DELETE',
      headers: { authorization: auth },
    });
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

/** node:http, not fetch, so headers fetch forbids (Host) and paths it would normalize go out as written. */
async function rawRequest(method: string, path: string, headers: Record<string, string>, body?: BodyInit) {
  const { request } = await import('node:http');
  const payload = body === undefined ? undefined : Buffer.from(await new Response(body).arrayBuffer());
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
