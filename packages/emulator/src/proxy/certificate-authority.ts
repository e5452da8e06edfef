import 'reflect-metadata'; // tsyringe, which @peculiar/x509 uses, needs it loaded first
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  id_ce_nameConstraints,
  NameConstraints,
} from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';

/** A certificate and its private key, both PEM, as Node's TLS options take them. */
export interface CertificatePair {
  cert: string;
  key: string;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const dayMs = 24 * 60 * 60 * 1000;
/** The CA lasts ten years; a leaf 397 days, under the 398 browsers accept. */
const caLifetimeMs = 3650 * dayMs;
const leafLifetimeMs = 397 * dayMs;
/** Both start an hour back, so a client whose clock is a little behind (a container, a VM) accepts them. */
const clockSkewMs = 60 * 60 * 1000;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']) as Promise<CryptoKey>;
}

/**
 * A critical name constraint: the CA may sign for `twilio.com` and its subdomains only, so trusting it
 * (even in a system store) lets its key vouch for no other site.
 */
function onlyTwilioNames(): x509.Extension {
  const constraints = new NameConstraints({
    permittedSubtrees: new GeneralSubtrees([
      new GeneralSubtree({ base: new GeneralName({ dNSName: 'twilio.com' }) }),
    ]),
  });
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(constraints));
}

/** Makes a self-signed CA that may sign server certificates for Twilio's names only. */
export async function createCertificateAuthority(now: Date): Promise<CertificatePair> {
  const keys = await keyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=roomlab local CA ${now.toISOString().slice(0, 10)}, O=roomlab`,
    notBefore: new Date(now.getTime() - clockSkewMs),
    notAfter: new Date(now.getTime() + caLifetimeMs),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      onlyTwilioNames(),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: ca.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

export interface LeafRequest {
  ca: CertificatePair;
  /** DNS names the leaf covers. */
  names: readonly string[];
  /** The leaf's key, kept across reissues so its public key (and so its SPKI hash) stays the same. */
  key?: string;
  now: Date;
}

/** Issues a server certificate for `names`, signed by the CA. */
export async function issueLeaf(request: LeafRequest): Promise<CertificatePair> {
  const { ca, names, now } = request;
  const caCert = new x509.X509Certificate(ca.cert);
  const signingKey = await importPrivateKey(ca.key);
  const key = request.key ?? (await privateKeyPem((await keyPair()).privateKey));
  // The public key is derived from the private one through Node's KeyObject (WebCrypto cannot).
  const publicKey = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'der' });
  const leaf = await x509.X509CertificateGenerator.create({
    subject: `CN=${names[0]}`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - clockSkewMs),
    notAfter: new Date(now.getTime() + leafLifetimeMs),
    publicKey: new Uint8Array(publicKey),
    signingKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value }))),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: leaf.toString('pem'), key };
}
