import { checkResponse } from '@roomlab/core/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';
import { type RunningServer, startServer } from '../server.js';

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

const form = { 'content-type': 'application/x-www-form-urlencoded' };

interface HostileCase {
  name: string;
  method?: string;
  path: string;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Leave out the account's credentials. */
  anonymous?: boolean;
  status: number;
  code: number;
}

const cases: HostileCase[] = [
  {
    name: 'JSON body instead of a form',
    method: 'POST',
    path: '/v1/Rooms',
    body: '{"UniqueName":"x"}',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 20001,
  },
  {
    name: 'stray percent sign in the form',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=%E0%A4%A',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'percent-escape that is not UTF-8',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=%FF%FE',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'raw bytes that are not UTF-8',
    method: 'POST',
    path: '/v1/Rooms',
    body: new Uint8Array([0x55, 0x3d, 0xff, 0xfe]),
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'body over 1 MiB',
    method: 'POST',
    path: '/v1/Rooms',
    body: `UniqueName=${'a'.repeat(1024 * 1024 + 10)}`,
    headers: form,
    status: 413,
    code: 20413,
  },
  {
    name: 'non-integer MaxParticipants',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'MaxParticipants=ten',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'huge MaxParticipants',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'MaxParticipants=99999999999999999999999',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'negative MaxParticipants',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'MaxParticipants=-4',
    headers: form,
    status: 400,
    code: 53107,
  },
  {
    name: 'boolean that is not true or false',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'AudioOnly=maybe',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'unknown room type',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'Type=conference',
    headers: form,
    status: 400,
    code: 53108,
  },
  {
    name: 'unknown video codec',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'VideoCodecs=VP8&VideoCodecs=AV1',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'unique name of 10,000 characters',
    method: 'POST',
    path: '/v1/Rooms',
    body: `UniqueName=${'n'.repeat(10_000)}`,
    headers: form,
    status: 400,
    code: 53101,
  },
  {
    name: 'unique name with a NUL byte',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=a%00b',
    headers: form,
    status: 400,
    code: 53102,
  },
  {
    name: 'unique name taken by an in-progress room',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=target',
    headers: form,
    status: 400,
    code: 53113,
  },
  {
    name: 'status callback that is not a URL',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'StatusCallback=javascript:alert(1)',
    headers: form,
    status: 400,
    code: 53111,
  },
  {
    name: 'recording rules that are not JSON',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'RecordingRules=%7Bnope',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'deeply nested recording rules',
    method: 'POST',
    path: '/v1/Rooms/target/RecordingRules',
    body: `Rules=${'['.repeat(5000)}${']'.repeat(5000)}`,
    headers: form,
    status: 400,
    code: 53120,
  },
  {
    name: 'recording rules with a prototype key',
    method: 'POST',
    path: '/v1/Rooms/target/RecordingRules',
    body: `Rules=${encodeURIComponent('[{"type":"include","__proto__":{"all":true}}]')}`,
    headers: form,
    status: 400,
    code: 53120,
  },
  {
    name: 'subscribe rules of the wrong shape',
    method: 'POST',
    path: 'SUBSCRIBE_RULES',
    body: 'Rules=%7B%22type%22%3A1%7D',
    headers: form,
    status: 400,
    code: 53215,
  },
  {
    name: 'room status other than completed',
    method: 'POST',
    path: '/v1/Rooms/target',
    body: 'Status=paused',
    headers: form,
    status: 400,
    code: 53112,
  },
  {
    name: 'room update with no status',
    method: 'POST',
    path: '/v1/Rooms/target',
    body: '',
    headers: form,
    status: 400,
    code: 20001,
  },
  {
    name: 'participant status other than disconnected',
    method: 'POST',
    path: '/v1/Rooms/target/Participants/alice',
    body: 'Status=reconnecting',
    headers: form,
    status: 400,
    code: 53209,
  },
  {
    name: 'anonymizing a connected participant',
    method: 'POST',
    path: '/v1/Rooms/target/Participants/alice/Anonymize',
    status: 400,
    code: 53209,
  },
  { name: 'list filter with an unknown status', path: '/v1/Rooms?Status=open', status: 400, code: 20001 },
  {
    name: 'list filter with a date that is not a date',
    path: '/v1/Rooms?DateCreatedAfter=yesterday',
    status: 400,
    code: 20001,
  },
  { name: 'PageSize of 0', path: '/v1/Rooms?PageSize=0', status: 400, code: 20001 },
  { name: 'PageSize over 1000', path: '/v1/Rooms?PageSize=1001', status: 400, code: 20001 },
  {
    name: 'forged PageToken',
    path: '/v1/Rooms?PageToken=PTeyJhZnRlciI6MX0&Page=1',
    status: 400,
    code: 20001,
  },
  { name: 'malformed query string', path: '/v1/Rooms?Status=%zz', status: 400, code: 20001 },
  {
    name: 'room SID that does not exist',
    path: '/v1/Rooms/RMffffffffffffffffffffffffffffffff',
    status: 404,
    code: 20404,
  },
  {
    name: 'SID of the wrong kind',
    path: '/v1/Rooms/target/Participants/RM00000000000000000000000000000000',
    status: 404,
    code: 20404,
  },
  { name: 'path traversal', path: '/v1/Rooms/..%2F..%2Fetc%2Fpasswd', status: 404, code: 20404 },
  { name: 'dot segments', path: '/v1/Rooms/target/../../../etc/passwd', status: 404, code: 20404 },
  { name: 'unknown API path', path: '/v2/Rooms', status: 404, code: 20404 },
  { name: 'undecodable path segment', path: '/v1/Rooms/%E0%A4%A', status: 404, code: 20404 },
  { name: 'DELETE on rooms', method: 'DELETE', path: '/v1/Rooms/target', status: 405, code: 20004 },
  {
    name: 'PUT on rooms',
    method: 'PUT',
    path: '/v1/Rooms',
    body: 'UniqueName=x',
    headers: form,
    status: 405,
    code: 20004,
  },
  {
    name: 'no credentials',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=x',
    headers: form,
    anonymous: true,
    status: 401,
    code: 20003,
  },
  {
    name: 'garbage Basic credentials',
    method: 'POST',
    path: '/v1/Rooms',
    body: 'UniqueName=x',
    headers: { ...form, authorization: 'Basic !!!notbase64' },
    anonymous: true,
    status: 401,
    code: 20003,
  },
  {
    name: 'Bearer token instead of Basic',
    path: '/v1/Rooms',
    headers: { authorization: 'Bearer abc' },
    anonymous: true,
    status: 401,
    code: 20003,
  },
  {
    name: 'API key of no account',
    path: '/v1/Rooms',
    headers: { authorization: `Basic ${btoa(`SK${'9'.repeat(32)}:secret`)}` },
    anonymous: true,
    status: 401,
    code: 20003,
  },
  {
    name: 'account SID that is not a SID',
    path: '/v1/Rooms',
    headers: { authorization: `Basic ${btoa('ACnope:secret')}` },
    anonymous: true,
    status: 401,
    code: 20003,
  },
  {
    name: 'Host header that is not a host',
    path: '/v1/Rooms',
    headers: { host: 'evil.example/../x' },
    status: 400,
    code: 20001,
  },
];

describe('hostile input', () => {
  it.each(cases)('$name → $status/$code, and nothing changes', async (hostile) => {
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
