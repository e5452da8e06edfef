import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { issueLeaf } from './certificate-authority.js';
import { loadLocalCa } from './local-ca.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'roomlab-ca-'));

describe('the local CA', () => {
  it('is made once and read back on the next start: same CA, same leaf key', async () => {
    const dir = await tempDir();
    const first = await loadLocalCa(dir);
    const second = await loadLocalCa(dir);
    expect(second.caFingerprint).toBe(first.caFingerprint);
    expect(second.leafSpkiSha256).toBe(first.leafSpkiSha256);
    expect(second.leaf).toEqual(first.leaf);
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o077).toBe(0);
  });

  it('issues a leaf for Twilio’s hosts, signed by the CA in caFile', async () => {
    const ca = await loadLocalCa(await tempDir());
    const caCert = new X509Certificate(await readFile(ca.caFile));
    const leaf = new X509Certificate(ca.leaf.cert);
    expect(caCert.ca).toBe(true);
    expect(caCert.fingerprint256).toBe(ca.caFingerprint);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(caCert) && leaf.verify(caCert.publicKey)).toBe(true);
    for (const host of [
      'video.twilio.com',
      'api.twilio.com',
      'insights.twilio.com',
      'global.vss.twilio.com',
    ]) {
      expect(leaf.checkHost(host), host).toBeDefined();
    }
    expect(leaf.checkHost('example.com')).toBeUndefined();
  });

  it('reissues a leaf near its expiry with the same key, so the hash given to Chromium stays', async () => {
    const dir = await tempDir();
    const now = Date.now();
    const first = await loadLocalCa(dir, new Date(now));
    const later = await loadLocalCa(dir, new Date(now + 380 * 24 * 60 * 60 * 1000));
    expect(later.leaf.cert).not.toBe(first.leaf.cert);
    expect(later.leafSpkiSha256).toBe(first.leafSpkiSha256);
    expect(later.caFingerprint).toBe(first.caFingerprint);
  });

  it('can vouch for Twilio’s names only: a certificate it signs for another site fails TLS verification', async () => {
    const dir = await tempDir();
    await loadLocalCa(dir);
    const read = (name: string) => readFile(join(dir, name), 'utf8');
    const ca = { cert: await read('ca.pem'), key: await read('ca-key.pem') };
    expect(await tlsVerdict(ca, 'video.twilio.com')).toBe('trusted');
    expect(await tlsVerdict(ca, 'example.com')).toBe('permitted subtree violation');
  });
});

/** Whether a TLS client trusting only the CA accepts a certificate the CA signed for `name`. */
async function tlsVerdict(ca: { cert: string; key: string }, name: string): Promise<string> {
  const leaf = await issueLeaf({ ca, names: [name], now: new Date() });
  const server = createServer(leaf, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<string>((resolve) => {
      const client = connect({ host: '127.0.0.1', port, servername: name, ca: ca.cert });
      client.once('secureConnect', () => {
        client.destroy();
        resolve('trusted');
      });
      client.once('error', (error) => resolve(error.message));
    });
  } finally {
    server.close();
  }
}
