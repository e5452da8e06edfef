import { consoleLogger, type Logger, TwilioError } from '@roomlab/core';
import { type EmulatorRequest, type EmulatorResponse, headerOf, jsonResponse } from '../emulator-request.js';
import { participantResource, roomResource } from '../rest/resources.js';
import { errorResponse, twilioErrorResponse } from '../rest/rest-api.js';
import { byteRangeOf, sliceOf } from './byte-range.js';
import type { Control } from './control.js';
import { speakerChoiceOf } from './dominant-speaker.js';
import { clockReading } from './live-feed.js';
import { liveStream } from './live-stream.js';
import type { MediaFile } from './media-file.js';
import type { NetworkSettings } from './network.js';

/** The reserved prefix of roomlab's own API: nothing of Twilio's lives under it. */
export const controlPrefix = '/_roomlab';

const maxJsonBytes = 16 * 1024 * 1024;

async function readJson(request: EmulatorRequest): Promise<unknown> {
  const text = await request.text(maxJsonBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new TwilioError(20001, 'Invalid request body: it is not JSON');
  }
}

function integerParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!/^\d{1,15}$/.test(raw))
    throw new TwilioError(20001, `Invalid parameter ${name}: "${raw.slice(0, 32)}" is not a whole number`);
  return Number(raw);
}

const text = (url: URL, name: string) => url.searchParams.get(name) ?? undefined;

/** A required query parameter, 20001 when it is absent or empty. */
function requiredParam(url: URL, name: string): string {
  const value = text(url, name);
  if (value === undefined || value === '') throw new TwilioError(20001, `Missing required parameter ${name}`);
  return value;
}

const participantSidParam = (url: URL) => requiredParam(url, 'ParticipantSid');

/** `RoomSid` (an RM SID, or a unique name with `AccountSid`). */
const roomParams = (url: URL) => ({
  room: requiredParam(url, 'RoomSid'),
  accountSid: text(url, 'AccountSid'),
});

/** An answer that is not JSON (a stream, a file): the route gives it as it is. */
class RawAnswer {
  constructor(readonly response: EmulatorResponse) {}
}

/** A recording's or composition's file, played where it is (`inline`), under Twilio's file name. */
async function mediaAnswer(request: EmulatorRequest, media: MediaFile): Promise<RawAnswer> {
  const range = byteRangeOf(headerOf(request, 'range'), media.size);
  const headers: Record<string, string> = {
    'content-type': media.contentType,
    'content-disposition': `inline; filename="${media.fileName}"`,
    // A player seeks by asking for the part it needs.
    'accept-ranges': 'bytes',
  };
  if (request.method === 'HEAD' || range === 'unsatisfiable') {
    // Nothing of the file is read: it is let go at once.
    await media.body.cancel();
    if (range === 'unsatisfiable')
      return new RawAnswer({
        status: 416,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'content-range': `bytes */${media.size}` },
        body: `Range not satisfiable: ${media.fileName} has ${media.size} bytes`,
      });
    return new RawAnswer({
      status: 200,
      headers: { ...headers, 'content-length': String(media.size) },
      body: null,
    });
  }
  if (range === undefined)
    return new RawAnswer({
      status: 200,
      headers: { ...headers, 'content-length': String(media.size) },
      body: media.body,
    });
  const part = {
    'content-length': String(range.end - range.start + 1),
    'content-range': `bytes ${range.start}-${range.end}/${media.size}`,
  };
  return new RawAnswer({ status: 206, headers: { ...headers, ...part }, body: sliceOf(media.body, range) });
}

type Handler = (request: EmulatorRequest, url: URL, rest: string[]) => Promise<unknown> | unknown;

/**
 * The control API over HTTP, JSON in and out, under `/_roomlab/`. Each route calls the typed
 * `Control` function of the same name; bad input gets Twilio's error JSON like every other route.
 */
export function controlRoutes(control: Control, logger: Logger = consoleLogger) {
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '': {
      GET: () => ({
        routes: [
          'state',
          'reset',
          'seed',
          'clock',
          'requests',
          'events',
          'status-callbacks',
          'faults',
          'tokens/verify',
          'network',
          'signaling/drop',
          'transcripts',
          'dominant-speaker',
          'retention',
          'live',
          'rooms/complete',
          'participants/disconnect',
          'media',
          'ui/',
        ].map((name) => `${controlPrefix}/${name}`),
      }),
    },
    state: {
      GET: (_request, url) => control.snapshot(text(url, 'AccountSid')),
      PUT: async (request, url) => {
        control.restore(await readJson(request), text(url, 'AccountSid'));
        return { restored: true };
      },
    },
    reset: {
      POST: (_request, url) => {
        control.reset(text(url, 'AccountSid'));
        return { reset: true };
      },
    },
    seed: { POST: async (request) => control.seed(await readJson(request)) },
    clock: {
      GET: () => clockReading(control.now()),
      POST: async (request) => {
        const body = (await readJson(request)) as { advanceMs?: unknown; advanceSeconds?: unknown };
        const ms = typeof body.advanceSeconds === 'number' ? body.advanceSeconds * 1000 : body.advanceMs;
        if (typeof ms !== 'number')
          throw new TwilioError(20001, 'Invalid clock advance: give advanceMs or advanceSeconds');
        return clockReading(control.advanceClock(ms));
      },
    },
    requests: {
      GET: (_request, url) => ({
        requests: control.requests({
          method: text(url, 'Method'),
          path: text(url, 'Path'),
          status: integerParam(url, 'Status'),
          errorCode: integerParam(url, 'ErrorCode'),
          after: integerParam(url, 'After'),
          limit: integerParam(url, 'Limit'),
        }),
      }),
    },
    events: {
      GET: (_request, url) => ({
        events: control.events({
          after: integerParam(url, 'After'),
          accountSid: text(url, 'AccountSid'),
          roomSid: text(url, 'RoomSid'),
          name: text(url, 'Name'),
          limit: integerParam(url, 'Limit'),
        }),
      }),
    },
    'status-callbacks': {
      GET: (_request, url) => ({
        status_callbacks: control.statusCallbacks({
          roomSid: text(url, 'RoomSid'),
          state: text(url, 'State') as 'pending' | undefined,
        }),
      }),
    },
    'status-callbacks/redeliver': {
      POST: (_request, url) => ({
        redelivered: control.redeliverStatusCallbacks({ roomSid: text(url, 'RoomSid'), id: text(url, 'Id') }),
      }),
    },
    live: { GET: () => new RawAnswer(liveStream(control, { now: control.now })) },
    'rooms/complete': {
      POST: (_request, url) => roomResource(control.completeRoom(roomParams(url)), url.origin),
    },
    'participants/disconnect': {
      POST: (_request, url) =>
        participantResource(control.disconnectParticipant(participantSidParam(url)), url.origin),
    },
    media: {
      GET: async (request, url) => mediaAnswer(request, await control.media(requiredParam(url, 'Sid'))),
      HEAD: async (request, url) => mediaAnswer(request, await control.media(requiredParam(url, 'Sid'))),
    },
    faults: {
      GET: () => ({ faults: control.faults.list() }),
      POST: async (request) => control.faults.add(await readJson(request)),
      DELETE: (_request, _url, rest) => {
        const [id] = rest;
        if (id === undefined) {
          control.faults.clear();
          return { removed: 'all' };
        }
        if (!control.faults.remove(id))
          throw new TwilioError(20404, `Fault ${id.slice(0, 32)} was not found`);
        return { removed: id };
      },
    },
    network: {
      GET: () => ({ network: control.forcedNetworks() }),
      POST: async (request, url) =>
        control.setNetwork(participantSidParam(url), (await readJson(request)) as NetworkSettings),
      DELETE: (_request, url) => control.clearNetwork(participantSidParam(url)),
    },
    'signaling/drop': {
      POST: (_request, url) => ({ dropped: control.dropSignaling(text(url, 'ParticipantSid')) }),
    },
    transcripts: {
      POST: async (request, url) => control.transcribe(await readJson(request), text(url, 'AccountSid')),
    },
    'dominant-speaker': {
      GET: (_request, url) => control.dominantSpeaker(roomParams(url)),
      POST: async (request, url) =>
        control.setDominantSpeaker(roomParams(url), speakerChoiceOf(await readJson(request))),
      DELETE: (_request, url) => control.setDominantSpeaker(roomParams(url), null),
    },
    retention: {
      GET: () => control.retention(),
      POST: async (request) => control.setRetention(await readJson(request)),
    },
    'tokens/verify': {
      POST: async (request) => {
        const body = (await readJson(request)) as { token?: unknown; room?: unknown };
        if (typeof body.token !== 'string')
          throw new TwilioError(20001, 'Invalid request: give the token to verify');
        return control.verifyToken(body.token, typeof body.room === 'string' ? body.room : undefined);
      },
    },
  };

  return async function handleControl(request: EmulatorRequest): Promise<EmulatorResponse> {
    const { url } = request;
    try {
      const path = url.pathname.slice(controlPrefix.length).replace(/^\/|\/$/g, '');
      const segments = path === '' ? [] : path.split('/');
      const twoPart = `${segments[0]}/${segments[1]}`;
      const name = twoPart in routes ? twoPart : (segments[0] ?? '');
      const rest = segments.slice(name === '' ? 0 : name.split('/').length);
      const methods = routes[name];
      if (!methods || (rest.length > 0 && name !== 'faults') || rest.length > 1) {
        throw new TwilioError(20404, `The requested resource ${url.pathname.slice(0, 256)} was not found`);
      }
      const handler = methods[request.method];
      if (!handler) {
        const allow = Object.keys(methods).join(', ');
        return twilioErrorResponse(
          new TwilioError(20004, `Method not allowed: ${request.method.slice(0, 16)} is not one of ${allow}`),
          { allow },
        );
      }
      const answer = await handler(request, url, rest);
      if (answer instanceof RawAnswer) return answer.response;
      return jsonResponse(200, answer, { 'content-type': 'application/json' });
    } catch (error) {
      return errorResponse(error, request, logger);
    }
  };
}
