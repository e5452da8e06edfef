import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.js';
import { type RunningServer, startServer } from '../server.js';
import { flagName, isRequired } from './api/api-flags.js';
import { type ApiOperation, apiOperations } from './api/api-operations.js';
import type { ApiParameter } from './api/api-spec.js';
import { apiSpecs } from './api/api-spec.generated.js';
import { apiTopics } from './api/api-topics.js';

// The api commands run in this process (main, as bin/roomlab.js calls it) against an emulator on a free
// loopback port; what they print is captured, and the emulator's request log says what they sent.

let running: RunningServer;
let env: Record<string, string>;
let room: { sid: string; participant: string };

interface LoggedRequest {
  id: number;
  method: string;
  path: string;
  params: [string, string][];
  status: number;
  errorCode: number | null;
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${running.url}/_roomlab/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}

let lastRequest = 0;
/** The requests the emulator answered since the last call. */
async function requestsSinceLastLook(): Promise<LoggedRequest[]> {
  const { requests } = await control<{ requests: LoggedRequest[] }>(`requests?After=${lastRequest}&Limit=1000`);
  lastRequest = requests.at(-1)?.id ?? lastRequest;
  return requests;
}

/** Runs `roomlab ...args` with `environment` as its only TWILIO_/ROOMLAB_ variables. */
async function roomlab(args: string[], environment: Record<string, string | undefined> = env) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'ROOMLAB_URL'])
    vi.stubEnv(name, environment[name]);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    vi.unstubAllEnvs();
  }
}

beforeAll(async () => {
  running = await startServer({ port: 0, media: false });
  const { credentials } = running.emulator;
  env = {
    ROOMLAB_URL: running.url,
    TWILIO_ACCOUNT_SID: credentials.accountSid,
    TWILIO_AUTH_TOKEN: credentials.authToken,
  };
  const seeded = await control<{ accounts: { rooms: { sid: string; participants: { sid: string }[] }[] }[] }>(
    'seed',
    {
      accounts: [
        {
          sid: credentials.accountSid,
          rooms: [
            {
              uniqueName: 'seeded',
              participants: [{ identity: 'alice', tracks: [{ kind: 'audio', name: 'mic' }] }, { identity: 'bob' }],
            },
          ],
        },
      ],
    },
  );
  const seededRoom = seeded.accounts[0]?.rooms[0];
  room = { sid: seededRoom?.sid ?? '', participant: seededRoom?.participants[0]?.sid ?? '' };
});

afterAll(async () => {
  await running.close();
});

const operations = apiOperations(apiSpecs);

describe('the api commands are named from the specs as the twilio CLI names them', () => {
  const specFiles = { video: 'twilio_video_v1.json', insights: 'twilio_insights_v1_video.json', api: 'twilio_api_v2010_keys.json' };
  const kebab = (segment: string) => segment.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  /** The twilio CLI's rule, written out from a spec path: its fixed segments, and an action per method. */
  function expectedNames(domain: string, file: string): string[] {
    const spec = JSON.parse(readFileSync(new URL(`../../../core/spec/${file}`, import.meta.url), 'utf8'));
    return Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => {
      const pathType = (item['x-twilio'] as { pathType: string }).pathType;
      const fixed = path.replace(/\.json$/, '').split('/').filter((s) => s && !s.startsWith('{'));
      const segments = domain === 'api' ? ['core', ...fixed.slice(2)] : [domain, ...fixed];
      const actions: Record<string, string> =
        pathType === 'list' ? { get: 'list', post: 'create' } : { get: 'fetch', post: 'update', delete: 'remove' };
      return ['post', 'get', 'delete']
        .filter((method) => method in item)
        .map((method) => ['api', ...segments.map(kebab), actions[method]].join(':'));
    });
  }

  it('has one command for every operation of the three specs, named by its path and method', () => {
    const expected = Object.entries(specFiles).flatMap(([domain, file]) => expectedNames(domain, file));
    expect(expected).toHaveLength(39 + 4 + 5);
    expect(operations.map(({ id }) => id).sort()).toEqual(expected.sort());
    expect(expected).toEqual(
      expect.arrayContaining([
        'api:video:v1:rooms:create',
        'api:video:v1:rooms:participants:list',
        'api:video:v1:compositions:remove',
        'api:video:v1:composition-settings:default:fetch',
        'api:insights:v1:video:rooms:fetch',
        'api:core:keys:create',
      ]),
    );
  });

  it('is generated from the vendored specs as they are now', async () => {
    const script = new URL('../../scripts/generate-api-spec.mjs', import.meta.url).pathname;
    await expect(promisify(execFile)(process.execPath, [script, '--check'])).resolves.toBeDefined();
  });
});

/** Flag values that name the seeded room, participant and track, or are valid for the parameter. */
function requiredArgs(operation: ApiOperation, trackSid: string): string[] {
  const bySid: Record<string, string> = {
    rooms: room.sid,
    participants: room.participant,
    'published-tracks': trackSid,
    'subscribed-tracks': trackSid,
  };
  const resource = operation.topic.split(':').at(-1) ?? '';
  const known = (flag: string): string | undefined =>
    ({ 'room-sid': room.sid, 'participant-sid': room.participant, status: 'completed', sid: bySid[resource] })[flag];
  // A SID the spec's pattern accepts, of a resource that does not exist (the API's 20404, not a bad flag).
  const patterned = (parameter: ApiParameter) =>
    /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(parameter.schema.pattern ?? '')?.[1]?.concat('f'.repeat(32));
  return operation.parameters
    .filter((parameter) => isRequired(operation, parameter))
    .flatMap((parameter) => {
      const flag = flagName(parameter);
      return [`--${flag}`, known(flag) ?? patterned(parameter) ?? `${flag}-value`];
    });
}

describe('every api command', () => {
  it('sends its operation to the emulator and prints the answer, or the API error with its exit code', async () => {
    const tracks = await roomlab([
      'api:video:v1:rooms:participants:published-tracks:list',
      ...['--room-sid', room.sid, '--participant-sid', room.participant, '-o', 'json'],
    ]);
    const trackSid = JSON.parse(tracks.stdout)[0].sid as string;
    await requestsSinceLastLook();
    // Ending the room last: the other operations want it in progress.
    const ordered = [...operations].sort((a, b) => Number(a.id === 'api:video:v1:rooms:update') - Number(b.id === 'api:video:v1:rooms:update'));
    for (const operation of ordered) {
      const args = requiredArgs(operation, trackSid);
      const { code, stderr } = await roomlab([operation.id, ...args]);
      const sent = await requestsSinceLastLook();
      const values = Object.fromEntries(
        operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, args.includes(`--${flagName(p)}`) ? args[args.indexOf(`--${flagName(p)}`) + 1] : undefined]),
      );
      const path = operation.path.replace(/{(.+?)}/g, (_, name: string) => values[name] ?? env.TWILIO_ACCOUNT_SID ?? '');
      expect({ id: operation.id, stderr, sent: sent.map(({ method, path }) => `${method} ${path}`) }).toEqual({
        stderr: expect.anything(),
        id: operation.id,
        sent: [`${operation.method.toUpperCase()} ${path}`],
      });
      const answer = sent[0];
      if (answer && answer.status < 400) expect({ id: operation.id, code, stderr }).toMatchObject({ code: 0 });
      else
        // The twilio CLI's exit code for an API error: the first two digits of its code (20404 → 20).
        expect({ id: operation.id, code, stderr }).toEqual({
          id: operation.id,
          code: Number(String(answer?.errorCode).slice(0, 2)),
          stderr: expect.stringMatching(new RegExp(`^ » Error code ${answer?.errorCode} from Twilio: .+ for more info\\.\\n$`)),
        });
    }
  }, 30_000);
});
