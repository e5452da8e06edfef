import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificatePair } from './certificate-authority.js';
import { certificateNames } from './served-hosts.js';

/** roomlab's local CA, kept in a directory, and the certificate its proxy presents for Twilio's hosts. */
export interface LocalCa {
  /** The CA certificate's file: what `NODE_EXTRA_CA_CERTS` and `REQUESTS_CA_BUNDLE` name. */
  caFile: string;
  /** SHA-256 fingerprint of the CA certificate (`AB:CD:...`): the same on every start. */
  caFingerprint: string;
  /** The proxy's certificate and key, for Node's TLS. */
  leaf: CertificatePair;
  /** Base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for Chromium's `--ignore-certificate-errors-spki-list`. */
  leafSpkiSha256: string;
}

/**
 * The certificate library (@peculiar/x509, about half a second to import) loads only to make a CA or
 * issue a leaf: a start that finds both in the directory reads them with Node's own X509Certificate.
 */
const certificateAuthority = () => import('./certificate-authority.js');

const files = { caCert: 'ca.pem', caKey: 'ca-key.pem', leafCert: 'proxy.pem', leafKey: 'proxy-key.pem' };
/** A leaf this close to expiry is reissued (with the same key) at start. */
const renewBeforeMs = 30 * 24 * 60 * 60 * 1000;

async function readPair(dir: string, cert: string, key: string): Promise<CertificatePair | undefined> {
  try {
    return { cert: await readFile(join(dir, cert), 'utf8'), key: await readFile(join(dir, key), 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes through a temporary file, so a start that dies midway leaves no half-written PEM. */
async function writePair(dir: string, pair: CertificatePair, cert: string, key: string): Promise<void> {
  for (const [name, text, mode] of [
    [key, pair.key, 0o600],
    [cert, pair.cert, 0o644],
  ] as const) {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, text, { mode });
    await rename(`${path}.tmp`, path);
  }
}

/** Whether a stored leaf still serves: issued by this CA, for today's names, not near expiry. */
function leafServes(leaf: CertificatePair, ca: CertificatePair, now: Date): boolean {
  const cert = new X509Certificate(leaf.cert);
  const names = (cert.subjectAltName ?? '').split(', ').map((entry) => entry.replace(/^DNS:/, ''));
  return (
    cert.checkIssued(new X509Certificate(ca.cert)) &&
    names.join() === certificateNames.join() &&
    new Date(cert.validTo).getTime() - now.getTime() > renewBeforeMs
  );
}

/**
 * The local CA in `dir`: made on the first start, then read back, so apps trust it once. The leaf is
 * reissued only when it no longer serves, keeping its key (and so the hash Chromium is given).
 */
export async function loadLocalCa(dir: string, now = new Date()): Promise<LocalCa> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let ca = await readPair(dir, files.caCert, files.caKey);
  if (!ca) {
    ca = await (await certificateAuthority()).createCertificateAuthority(now);
    await writePair(dir, ca, files.caCert, files.caKey);
  }
  let leaf = await readPair(dir, files.leafCert, files.leafKey);
  if (!leaf || !leafServes(leaf, ca, now)) {
    leaf = await (await certificateAuthority()).issueLeaf({
      ca,
      names: certificateNames,
      key: leaf?.key,
      now,
    });
    await writePair(dir, leaf, files.leafCert, files.leafKey);
  }
  const spki = new X509Certificate(leaf.cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caFile: join(dir, files.caCert),
    caFingerprint: new X509Certificate(ca.cert).fingerprint256,
    leaf,
    leafSpkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
