import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.js';
import { type RunningServer, startServer } from '../server.js';
import { runCli, stopCliRuns } from '../test-support/run-cli.js';
import { flagName, isRequired } from './api/api-flags.js';
import { type ApiOperation, apiOperations } from './api/api-operations.js';
import { apiSpecs } from './api/api-spec.generated.js';
import type { ApiParameter } from './api/api-spec.js';
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
  const { requests } = await control<{ requests: LoggedRequest[] }>(
    `requests?After=${lastRequest}&Limit=1000`,
  );
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
  for (const name of [
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_API_KEY',
    'TWILIO_API_SECRET',
    'ROOMLAB_URL',
  ])
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
              participants: [
                { identity: 'alice', tracks: [{ kind: 'audio', name: 'mic' }] },
                { identity: 'bob' },
              ],
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
  stopCliRuns();
  await running.close();
});

const operations = apiOperations(apiSpecs);

describe('the api commands are named from the specs as the twilio CLI names them', () => {
  const specFiles = {
    video: 'twilio_video_v1.json',
    insights: 'twilio_insights_v1_video.json',
    api: 'twilio_api_v2010_keys.json',
  };
  const kebab = (segment: string) => segment.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  /** The twilio CLI's rule, written out from a spec path: its fixed segments, and an action per method. */
  function expectedNames(domain: string, file: string): string[] {
    const spec = JSON.parse(readFileSync(new URL(`../../../core/spec/${file}`, import.meta.url), 'utf8'));
    return Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => {
      const pathType = (item['x-twilio'] as { pathType: string }).pathType;
      const fixed = path
        .replace(/\.json$/, '')
        .split('/')
        .filter((s) => s && !s.startsWith('{'));
      const segments = domain === 'api' ? ['core', ...fixed.slice(2)] : [domain, ...fixed];
      const actions: Record<string, string> =
        pathType === 'list'
          ? { get: 'list', post: 'create' }
          : { get: 'fetch', post: 'update', delete: 'remove' };
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
    ({
      'room-sid': room.sid,
      'participant-sid': room.participant,
      status: 'completed',
      sid: bySid[resource],
    })[flag];
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
    const ordered = [...operations].sort(
      (a, b) => Number(a.id === 'api:video:v1:rooms:update') - Number(b.id === 'api:video:v1:rooms:update'),
    );
    for (const operation of ordered) {
      const args = requiredArgs(operation, trackSid);
      const { code, stderr } = await roomlab([operation.id, ...args]);
      const sent = await requestsSinceLastLook();
      const values = Object.fromEntries(
        operation.parameters
          .filter((p) => p.in === 'path')
          .map((p) => [
            p.name,
            args.includes(`--${flagName(p)}`) ? args[args.indexOf(`--${flagName(p)}`) + 1] : undefined,
          ]),
      );
      const path = operation.path.replace(
        /{(.+?)}/g,
        (_, name: string) => values[name] ?? env.TWILIO_ACCOUNT_SID ?? '',
      );
      expect({ id: operation.id, stderr, sent: sent.map(({ method, path }) => `${method} ${path}`) }).toEqual(
        {
          stderr: expect.anything(),
          id: operation.id,
          sent: [`${operation.method.toUpperCase()} ${path}`],
        },
      );
      const answer = sent[0];
      if (answer && answer.status < 400)
        expect({ id: operation.id, code, stderr }).toMatchObject({ code: 0 });
      // The twilio CLI's exit code for an API error: the first two digits of its code (20404 → 20).
      else
        expect({ id: operation.id, code, stderr }).toEqual({
          id: operation.id,
          code: Number(String(answer?.errorCode).slice(0, 2)),
          stderr: expect.stringMatching(
            new RegExp(`^ » Error code ${answer?.errorCode} from Twilio: .+ for more info\\.\\n$`),
          ),
        });
    }
  }, 30_000);
});

describe('output, as the twilio CLI prints it', () => {
  it('prints columns of the spec default properties, or the asked --properties, or every field as JSON or TSV', async () => {
    const created = await roomlab([
      'api:video:v1:rooms:create',
      '--unique-name',
      'my-room',
      '--type',
      'group',
      '--max-participants',
      '4',
    ]);
    expect(created.code).toBe(0);
    const [heading, row] = created.stdout.trimEnd().split('\n');
    expect(heading).toMatch(/^SID {33}Unique Name {2}Status *$/);
    expect(row).toMatch(/^RM[0-9a-f]{32} {2}my-room {6}in-progress$/);
    const sid = row?.slice(0, 34) ?? '';

    const json = await roomlab(['api:video:v1:rooms:fetch', '--sid', sid, '-o', 'json']);
    const [fetched] = JSON.parse(json.stdout);
    expect(fetched).toMatchObject({
      sid,
      uniqueName: 'my-room',
      type: 'group',
      maxParticipants: 4,
      status: 'in-progress',
    });
    expect(fetched.dateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(fetched.links).toHaveProperty('recording_rules'); // a free-form map keeps its keys

    const tsv = await roomlab([
      'api:video:v1:rooms:fetch',
      '--sid',
      sid,
      '-o',
      'tsv',
      '--properties',
      'sid,maxParticipants,videoCodecs,nope',
    ]);
    expect(tsv.stdout).toBe(`sid\tmaxParticipants\tvideoCodecs\n${sid}\t4\t["VP8"]\n`);
    expect(tsv.stderr).toBe(' » "nope" is not a valid property name.\n');

    const bare = await roomlab([
      'api:video:v1:rooms:fetch',
      '--sid',
      sid,
      '--no-header',
      '--properties',
      'uniqueName',
    ]);
    expect(bare.stdout).toBe('my-room\n');

    const none = await roomlab(['api:video:v1:rooms:list', '--unique-name', 'no-such-room']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'No results\n' });
  });

  it('follows next_page_url until --limit items are in, asking for --page-size at a time', async () => {
    const account = { ...env, ...(await newAccount()) };
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5'])
      await roomlab(['api:video:v1:rooms:create', '--unique-name', name, '-o', 'none'], account);
    await requestsSinceLastLook();
    const limited = await roomlab(
      [
        'api:video:v1:rooms:list',
        '--page-size',
        '2',
        '--limit',
        '3',
        '-o',
        'tsv',
        '--no-header',
        '--properties',
        'uniqueName',
      ],
      account,
    );
    expect(limited.stdout).toBe('r5\nr4\nr3\n');
    const pages = await requestsSinceLastLook();
    expect(pages.map(({ params }) => new URLSearchParams(params).get('PageSize'))).toEqual(['2', '2']);

    const all = await roomlab(['api:video:v1:rooms:list', '--page-size', '2', '-o', 'json'], account);
    expect(JSON.parse(all.stdout).map((r: { uniqueName: string }) => r.uniqueName)).toEqual([
      'r5',
      'r4',
      'r3',
      'r2',
      'r1',
    ]);
    expect(await requestsSinceLastLook()).toHaveLength(3);

    const capped = await roomlab(
      [
        'api:video:v1:rooms:list',
        '--page-size',
        '50',
        '--limit',
        '1',
        '--properties',
        'uniqueName',
        '--no-header',
      ],
      account,
    );
    expect(capped.stdout).toBe('r5\n');
    // A page no larger than the limit, as the twilio CLI asks.
    expect(
      (await requestsSinceLastLook()).map(({ params }) => new URLSearchParams(params).get('PageSize')),
    ).toEqual(['1']);
  });
});

/** A new account, with an API key, through the v2010 API (the default account's auth token may do that). */
async function newAccount() {
  const seeded = await control<{ accounts: { sid: string }[] }>('seed', {
    accounts: [{ authToken: 'new-token' }],
  });
  const accountSid = seeded.accounts[0]?.sid ?? '';
  return { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: 'new-token' };
}

describe('credentials', () => {
  it('authenticates with TWILIO_API_KEY and TWILIO_API_SECRET, or the auth token, and names the account in v2010 paths', async () => {
    const account = await newAccount();
    const created = await roomlab(['api:core:keys:create', '--friendly-name', 'cli key', '-o', 'json'], {
      ...env,
      ...account,
    });
    const [key] = JSON.parse(created.stdout);
    expect(key).toMatchObject({
      sid: expect.stringMatching(/^SK/),
      friendlyName: 'cli key',
      secret: expect.any(String),
    });
    expect((await requestsSinceLastLook()).at(-1)?.path).toBe(
      `/2010-04-01/Accounts/${account.TWILIO_ACCOUNT_SID}/Keys.json`,
    );

    const withKey = {
      ROOMLAB_URL: running.url,
      TWILIO_ACCOUNT_SID: account.TWILIO_ACCOUNT_SID,
      TWILIO_API_KEY: key.sid,
      TWILIO_API_SECRET: key.secret,
    };
    const listed = await roomlab(
      ['api:video:v1:rooms:create', '--unique-name', 'by-key', '--properties', 'uniqueName'],
      withKey,
    );
    expect(listed).toMatchObject({ code: 0, stdout: 'Unique Name\nby-key     \n' });

    const removed = await roomlab(['api:core:keys:remove', '--sid', key.sid], { ...env, ...account });
    expect(removed).toMatchObject({ code: 0, stdout: '', stderr: 'The resource was deleted successfully\n' });

    const refused = await roomlab(['api:video:v1:rooms:list'], withKey);
    expect(refused.code).toBe(20);
    expect(refused.stderr).toMatch(/^ » Error code 20003 from Twilio: /);
  });

  it('says how to set them when they are missing, and exits 1 as the twilio CLI does', async () => {
    const missing = await roomlab(['api:video:v1:rooms:list'], {
      ROOMLAB_URL: running.url,
      TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(' » Could not find credentials.');
    expect(missing.stderr).toContain('export TWILIO_API_KEY=');
    expect(missing.stderr).toContain('export TWILIO_AUTH_TOKEN=');
  });
});

describe("the guide's api:video:v1:rooms:RM...:delete", () => {
  it('completes the room, as rooms:update --status completed does, and says it is a roomlab alias', async () => {
    const created = await roomlab(['api:video:v1:rooms:create', '--unique-name', 'to-end', '-o', 'json']);
    const [{ sid }] = JSON.parse(created.stdout);
    await requestsSinceLastLook();
    const ended = await roomlab([`api:video:v1:rooms:${sid}:delete`]);
    expect(ended.code).toBe(0);
    expect(ended.stderr).toContain('is a roomlab alias (the twilio CLI has no such command)');
    expect(ended.stdout).toMatch(new RegExp(`^SID +Unique Name +Status *\\n${sid}  to-end +completed\\n$`));
    expect((await requestsSinceLastLook()).map(({ method, path, params }) => [method, path, params])).toEqual(
      [['POST', `/v1/Rooms/${sid}`, [['Status', 'completed']]]],
    );
  });
});

describe('mistakes', () => {
  it('prints an API error as the twilio CLI does, or its JSON with -o json, and exits with its first two digits', async () => {
    const missing = `RM${'0'.repeat(32)}`;
    const text = await roomlab(['api:video:v1:rooms:fetch', '--sid', missing]);
    expect(text).toEqual({
      code: 20,
      stdout: '',
      stderr: ` » Error code 20404 from Twilio: The requested resource /Rooms/${missing} was not found. See https://www.twilio.com/docs/errors/20404 for more info.\n`,
    });
    const json = await roomlab(['api:video:v1:rooms:fetch', '--sid', missing, '-o', 'json']);
    expect(json.code).toBe(20);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ code: 20404, status: 404 })]);
  });

  it('refuses a bad enum value or number before sending anything, naming each flag (exit 1)', async () => {
    await requestsSinceLastLook();
    const bad = await roomlab(['api:video:v1:rooms:create', '--type', 'huge', '--max-participants', 'four']);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        ' » Flag value validation errors:',
        ' »   type: "huge" is not one of "group,go,peer-to-peer,group-small"',
        ' »   max-participants: "four" is not a valid integer',
        ' » Cannot execute command',
        '',
      ].join('\n'),
    });
    expect(await requestsSinceLastLook()).toEqual([]);
  });

  it('names a missing required flag, an unknown flag and an unknown operation, with a suggestion (exit 2)', async () => {
    expect(await roomlab(['api:video:v1:rooms:participants:list'])).toMatchObject({
      code: 2,
      stderr: "roomlab: required option '--room-sid <value>' not specified\n",
    });
    const flag = await roomlab(['api:video:v1:rooms:fetch', '--sid', 'RM1', '--sidd', 'RM1']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^roomlab: unknown option '--sidd'\n\(Did you mean --sid\?\)/);
    expect(await roomlab(['api:video:v1:rooms:frobnicate'])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown command 'api:video:v1:rooms:frobnicate'\n",
    });
    expect((await roomlab(['api:video:v1:rooms:lst'])).stderr).toContain(
      '(Did you mean api:video:v1:rooms:list?)',
    );
    const output = await roomlab(['api:video:v1:rooms:list', '-o', 'yaml']);
    expect(output.code).toBe(2);
    expect(output.stderr).toContain('Allowed choices are columns, json, tsv, none');
  });

  it('says when no roomlab answers at the target (exit 1)', async () => {
    const nowhere = await roomlab(['api:video:v1:rooms:list', '--url', 'http://127.0.0.1:9'], env);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^ » cannot reach roomlab at http:\/\/127\.0\.0\.1:9 .*roomlab start/);
  });
});

describe('help', () => {
  it('lists the api topics in roomlab --help, not the operations', async () => {
    const { code, stdout } = await roomlab(['--help']);
    expect(code).toBe(0);
    for (const { name } of apiTopics) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(stdout).not.toContain('api:video:v1:rooms:create');
  });

  it("lists a topic's sub-topics and operations, and each listed topic has a help of its own", async () => {
    const rooms = await roomlab(['api:video:v1:rooms', '--help']);
    expect(rooms.code).toBe(0);
    expect(rooms.stdout).toMatch(
      /Topics:\n(.|\n)*api:video:v1:rooms:participants +Participants in video rooms/,
    );
    expect(rooms.stdout).toMatch(/Commands:\n(.|\n)*api:video:v1:rooms:create +create a Rooms resource/);
    for (const { name } of apiTopics) expect((await roomlab([name, '--help'])).code).toBe(0);
    expect((await roomlab(['api'])).stdout).toMatch(/^ {2}api:video +resources under video\.twilio\.com$/m);
  });

  it("describes an operation's flags from the spec, with an enum's values", async () => {
    const { code, stdout } = await roomlab(['api:video:v1:rooms:create', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--type <group\|go\|peer-to-peer\|group-small> +Type of room\./);
    expect(stdout).toMatch(/--video-codecs <vp8\|h264\.\.\.> +An array of the video codecs/);
    expect(stdout).toMatch(
      /--properties <properties> +The properties .*\(default: "sid,uniqueName,status"\)/,
    );
    expect(stdout).toMatch(/-o, --cli-output-format <format>/);
  });
});

describe('the built CLI', () => {
  it('loads the api commands from its bundle on first need', async () => {
    const cli = runCli(['api:video:v1:rooms', '--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toMatch(/^ {2}api:video:v1:rooms:create +create a Rooms resource$/m);
  });
});
