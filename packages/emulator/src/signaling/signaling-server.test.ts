import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoomSignaling } from './room-signaling.js';
import { attachSignaling } from './signaling-server.js';

// ws loads at the first upgrade; here it cannot be loaded at all.
vi.mock('ws', () => {
  throw new Error('ws is not installed');
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server with signaling attached; answers what an upgrade request to `path` gets back. */
async function upgradeAnswer(path: string) {
  const logger = memoryLogger();
  const server = createServer();
  const detach = attachSignaling(server, {} as RoomSignaling, { logger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    detach();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.write(
    `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nupgrade: websocket\r\nconnection: Upgrade\r\n` +
      'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n',
  );
  let answer = '';
  for await (const chunk of socket) answer += chunk;
  return { statusLine: answer.split('\r\n')[0], logged: logger.entries };
}

describe('the signaling WebSocket server when ws cannot be loaded', () => {
  it('answers the upgrade 500 and logs why, rather than leaving the client waiting', async () => {
    const { statusLine, logged } = await upgradeAnswer('/signaling');
    expect(statusLine).toBe('HTTP/1.1 500 Internal Server Error');
    expect(logged).toEqual([
      {
        level: 'error',
        message: 'signaling: the WebSocket library (ws) could not be loaded',
        cause: expect.any(Error), // the failed import, as vitest reports a module mock that throws
      },
    ]);
  });

  it('still refuses other paths with 404, without loading anything', async () => {
    const { statusLine, logged } = await upgradeAnswer('/elsewhere');
    expect(statusLine).toBe('HTTP/1.1 404 Not Found');
    expect(logged).toEqual([]);
  });
});
