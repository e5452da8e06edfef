import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from '../msw-node.js';
import { type RunningServer, startServer } from '../server.js';
import { runCli, stopCliRuns } from '../test-support/run-cli.js';
import { assetPathOf } from './asset-path.js';
import { builtInspectorDirectory, inspectorAssetsIn } from './directory-assets.js';

const secret = 'the secret beside the inspector';
const page =
  '<!doctype html><title>roomlab inspector</title><script src="/_roomlab/ui/assets/app-3f2a.js"></script>';
let fixture: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  fixture = await mkdtemp(join(tmpdir(), 'roomlab-ui-'));
  await mkdir(join(fixture, 'inspector', 'assets'), { recursive: true });
  await mkdir(join(fixture, 'inspector-private'));
  await writeFile(join(fixture, 'inspector', 'index.html'), page);
  await writeFile(join(fixture, 'inspector', 'assets', 'app-3f2a.js'), 'console.log("inspector")');
  await writeFile(join(fixture, 'inspector', 'assets', 'app-3f2a.css'), 'body{}');
  await writeFile(join(fixture, 'inspector', 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(fixture, 'inspector', '.env'), secret);
  await writeFile(join(fixture, 'secret.txt'), secret);
  await writeFile(join(fixture, 'inspector-private', 'secret.txt'), secret);
});
afterAll(() => rm(fixture, { recursive: true, force: true }));
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  stopCliRuns();
});

async function serving(directory = join(fixture, 'inspector')) {
  const server = await startServer({ port: 0, media: false, inspectorAssets: inspectorAssetsIn(directory) });
  servers.push(server);
  return server;
}

/** A GET with the path sent exactly as written (fetch would normalise it first). */
function rawGet(server: RunningServer, path: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const sent = request({ host: '127.0.0.1', port: server.port, path, method }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      sent.on('error', reject);
      sent.end();
    },
  );
}

describe('the inspector page under /_roomlab/ui/', () => {
  it('serves index.html and its assets with their content types; only hashed assets are cached', async () => {
    const server = await serving();
    const index = await rawGet(server, '/_roomlab/ui/');
    expect([index.status, index.headers['content-type'], index.headers['cache-control'], index.body]).toEqual(
      [200, 'text/html; charset=utf-8', 'no-cache', page],
    );
    const types = [];
    for (const name of ['app-3f2a.js', 'app-3f2a.css', 'logo.svg']) {
      const asset = await rawGet(server, `/_roomlab/ui/assets/${name}`);
      types.push([asset.status, asset.headers['content-type'], asset.headers['cache-control']]);
    }
    const immutable = 'public, max-age=31536000, immutable';
    expect(types).toEqual([
      [200, 'text/javascript; charset=utf-8', immutable],
      [200, 'text/css; charset=utf-8', immutable],
      [200, 'image/svg+xml', immutable],
    ]);
    const head = await rawGet(server, '/_roomlab/ui/assets/app-3f2a.js', 'HEAD');
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '24', '']);
  });

  it('redirects /_roomlab/ui to /_roomlab/ui/, keeping the query', async () => {
    const server = await serving();
    const bare = await rawGet(server, '/_roomlab/ui?room=RM1');
    expect([bare.status, bare.headers.location]).toEqual([301, '/_roomlab/ui/?room=RM1']);
    const followed = await fetch(`${server.url}/_roomlab/ui`);
    expect([followed.url, await followed.text()]).toEqual([`${server.url}/_roomlab/ui/`, page]);
  });

  it("answers the page's own views with the page, a missing asset with 404, and refuses other methods", async () => {
    const server = await serving();
    expect((await rawGet(server, '/_roomlab/ui/rooms/RM123')).body).toBe(page);
    const missing = await rawGet(server, '/_roomlab/ui/assets/gone.js');
    expect([missing.status, missing.headers['content-type']]).toEqual([404, 'text/plain; charset=utf-8']);
    expect(missing.body).toContain('/_roomlab/ui/assets/gone.js');
    const posted = await rawGet(server, '/_roomlab/ui/', 'POST');
    expect([posted.status, JSON.parse(posted.body).code, posted.headers.allow]).toEqual([
      405,
      20004,
      'GET, HEAD',
    ]);
  });

  it.each([
    '/_roomlab/ui/../secret.txt',
    '/_roomlab/ui/../../secret.txt',
    '/_roomlab/ui/%2e%2e/secret.txt',
    '/_roomlab/ui/%2E%2E/%2e%2e/secret.txt',
    '/_roomlab/ui/..%2fsecret.txt',
    '/_roomlab/ui/assets/..%2f..%2fsecret.txt',
    '/_roomlab/ui/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/_roomlab/ui/..%5csecret.txt',
    '/_roomlab/ui/..%5c..%5csecret.txt',
    '/_roomlab/ui/..%2f..%2finspector-private%2fsecret.txt',
    '/_roomlab/ui//etc/passwd',
    '/_roomlab/ui/%2fetc%2fpasswd',
    '/_roomlab/ui/C:%5cWindows%5cwin.ini',
    '/_roomlab/ui/.env',
    '/_roomlab/ui/%2eenv',
    '/_roomlab/ui/index.html%00.js',
    '/_roomlab/ui/%E0%A4%A',
  ])('never serves a file outside the inspector directory: %s', async (path) => {
    const server = await serving();
    const answer = await rawGet(server, path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(secret);
  });

  it('refuses an absolute path to a file that exists', async () => {
    const server = await serving();
    const answer = await rawGet(server, `/_roomlab/ui/${encodeURIComponent(join(fixture, 'secret.txt'))}`);
    expect([answer.status, answer.body.includes(secret)]).toEqual([404, false]);
  });

  it('says how to build it when there is no build', async () => {
    const server = await serving(join(fixture, 'no-build-here'));
    for (const path of ['/_roomlab/ui/', '/_roomlab/ui/assets/app-3f2a.js']) {
      const answer = await rawGet(server, path);
      expect([answer.status, answer.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
      expect(answer.body).toContain(`${join(fixture, 'no-build-here')}/index.html`);
      expect(answer.body).toContain('pnpm --filter @roomlab/emulator build');
    }
  });

  it('is a 404 that says why in process (msw), where there are no files', async () => {
    const inProcess = startInProcess();
    try {
      const answer = await fetch('https://video.twilio.com/_roomlab/ui/');
      expect([answer.status, answer.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
      const text = await answer.text();
      expect(text).toContain('roomlab start');
      expect(text).toContain('pnpm --filter @roomlab/emulator build');
    } finally {
      inProcess.close();
    }
  });
});

describe('assetPathOf', () => {
  it('gives the page for the bare path and checked segments otherwise', () => {
    expect(assetPathOf('')).toEqual(['index.html']);
    expect(assetPathOf('assets/app%20x.js')).toEqual(['assets', 'app x.js']);
    expect(
      ['..', 'a/../b', '%2e%2e', 'a%2fb', 'a%5cb', '/abs', 'a//b', '.hidden', 'c:', 'x%00', '%zz'].map(
        assetPathOf,
      ),
    ).toEqual(Array(11).fill(undefined));
  });
});

describe("the package's dist/inspector", () => {
  it('is found from the module, whether it runs from src, from tsc output or from the CLI bundle', async () => {
    const root = await mkdtemp(join(tmpdir(), 'roomlab-package-'));
    try {
      await writeFile(join(root, 'package.json'), '{}');
      const from = (path: string) => builtInspectorDirectory(pathToFileURL(join(root, path)).href);
      expect([
        from('src/ui/directory-assets.ts'),
        from('dist/ui/directory-assets.js'),
        from('dist/cli-bundle/chunk-ab12.js'),
      ]).toEqual(Array(3).fill(join(root, 'dist', 'inspector')));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is what `roomlab start` serves at the URL it prints', async () => {
    const cli = runCli(['start', '--port', '0', '--no-proxy']);
    const { url } = await cli.ready();
    const inspector = /inspector\s+(\S+)/.exec(cli.output().stdout)?.[1] ?? '';
    expect(inspector).toBe(`${url}/_roomlab/ui/`);
    const built = new URL('../../dist/inspector/', import.meta.url).pathname;
    const answer = await fetch(inspector);
    // Either the build another step made, or the page that names where it was looked for.
    if (existsSync(join(built, 'index.html'))) {
      expect([answer.status, await answer.text()]).toEqual([
        200,
        await readFile(join(built, 'index.html'), 'utf8'),
      ]);
    } else {
      expect([answer.status, await answer.text()]).toEqual([
        404,
        expect.stringContaining(`${join(built)}index.html`),
      ]);
    }
  });
});
