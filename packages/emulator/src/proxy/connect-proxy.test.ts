import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningServer, startServer } from '../server.js';
import { getOverTunnel, openTunnel, readToEnd, sendConnect } from '../test-support/proxy-tunnel.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function startProxy() {
  const caDir = await mkdtemp(join(tmpdir(), 'roomlab-ca-'));
  const server = await startServer({ media: false, proxy: { caDir } });
  running.push(server);
  if (!server.proxy) throw new Error('startServer gave no proxy routing');
  return { server, routing: server.proxy, ca: await readFile(server.proxy.caFile, 'utf8') };
}

describe("roomlab's proxy for Twilio's hosts (a roomlab extension)", () => {
  it('terminates TLS for video.twilio.com with its local CA and serves the REST API there', async () => {
    const { server, routing, ca } = await startProxy();
    const { accountSid, authToken } = server.emulator.credentials;
    const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    const tls = await openTunnel(routing.url, 'video.twilio.com', ca);
    const answer = await getOverTunnel(tls, 'https://video.twilio.com/v1/Rooms', { authorization });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      rooms: [],
      meta: { url: 'https://video.twilio.com/v1/Rooms?PageSize=50&Page=0' },
    });
  });

  it("serves the SDK's signaling WebSocket on global.vss.twilio.com and a region's host", async () => {
    const { routing, ca } = await startProxy();
    for (const host of ['global.vss.twilio.com', 'de1.vss.twilio.com']) {
      const tls = await openTunnel(routing.url, host, ca);
      const socket = new WebSocket(`wss://${host}/signaling`, { createConnection: () => tls });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      socket.close();
    }
  });

  it('refuses every other host, and other ports, with 403 and the reason, forwarding nothing', async () => {
    const { routing } = await startProxy();
    for (const target of ['example.com:443', 'sdkgw.us1.twilio.com:443', 'video.twilio.com:8443']) {
      const answer = await sendConnect(routing.url, `CONNECT ${target} HTTP/1.1\r\nhost: ${target}\r\n\r\n`);
      expect(answer.status, target).toBe(403);
      expect(await readToEnd(answer)).toMatch(
        /roomlab's proxy serves (only Twilio's Video hosts|Twilio's hosts on port 443 only)/,
      );
    }
  });

  it('refuses a plain proxied request for another host rather than answering it as roomlab', async () => {
    const { routing } = await startProxy();
    const answer = await sendConnect(
      routing.url,
      'GET http://example.com/health HTTP/1.1\r\nhost: example.com\r\nconnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(403);
    expect(await readToEnd(answer)).toContain('refuses "example.com"');
  });

  it('answers a broken CONNECT line with 400 and keeps serving', async () => {
    const { server, routing } = await startProxy();
    for (const head of ['CONNECT\r\n\r\n', 'CONNECT video.twilio.com/x HTTP/1.1\r\nhost: x\r\n\r\n']) {
      const answer = await sendConnect(routing.url, head);
      expect(answer.status, head).toBe(400);
      answer.socket.destroy();
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('gives the environment and Chromium flags that route an app here', async () => {
    const { routing } = await startProxy();
    expect(routing.environment).toEqual({
      HTTP_PROXY: routing.url,
      HTTPS_PROXY: routing.url,
      NO_PROXY: 'localhost,127.0.0.1,::1',
      NODE_EXTRA_CA_CERTS: routing.caFile,
      REQUESTS_CA_BUNDLE: routing.caFile,
      TWILIO_CA_BUNDLE: routing.caFile,
    });
    expect(routing.chromiumFlags).toEqual([
      `--proxy-server=${routing.url}`,
      `--ignore-certificate-errors-spki-list=${routing.leafSpkiSha256}`,
    ]);
  });
});
