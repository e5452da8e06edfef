import type { LocalCa } from './local-ca.js';

/**
 * What an unchanged app needs to reach roomlab through its proxy: the environment to export and the
 * flags a Chromium needs to run the unmodified `twilio-video` SDK without a `wsServer` option.
 */
export interface ProxyRouting {
  /** The proxy's URL: roomlab's own, since one port serves the API, signaling and the proxy. */
  url: string;
  /** The local CA's certificate file. */
  caFile: string;
  /** SHA-256 fingerprint of the local CA (the same on every start with the same directory). */
  caFingerprint: string;
  /** Base64 SHA-256 of the proxy certificate's SubjectPublicKeyInfo. */
  leafSpkiSha256: string;
  /**
   * `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (loopback goes direct); `NODE_EXTRA_CA_CERTS` (Node,
   * including the official `twilio` client, which ignores `TWILIO_CA_BUNDLE` behind a proxy);
   * `REQUESTS_CA_BUNDLE` (Python's requests) and `TWILIO_CA_BUNDLE` (the Twilio helper libraries).
   */
  environment: Record<string, string>;
  /** `--proxy-server` and `--ignore-certificate-errors-spki-list` (Chromium honours the latter only with `--user-data-dir`). */
  chromiumFlags: string[];
}

export function proxyRouting(url: string, ca: LocalCa): ProxyRouting {
  const { caFile, caFingerprint, leafSpkiSha256 } = ca;
  return {
    url,
    caFile,
    caFingerprint,
    leafSpkiSha256,
    environment: {
      HTTP_PROXY: url,
      HTTPS_PROXY: url,
      NO_PROXY: 'localhost,127.0.0.1,::1',
      NODE_EXTRA_CA_CERTS: caFile,
      REQUESTS_CA_BUNDLE: caFile,
      TWILIO_CA_BUNDLE: caFile,
    },
    chromiumFlags: [`--proxy-server=${url}`, `--ignore-certificate-errors-spki-list=${leafSpkiSha256}`],
  };
}

/** The lines `roomlab start` prints about the proxy: ready to paste into a shell. */
export function routingLines(routing: ProxyRouting): string[] {
  return [
    `zero-code routing (roomlab extension): with these, an unchanged app reaches roomlab for Twilio's hosts`,
    ...Object.entries(routing.environment).map(([name, value]) => `  export ${name}=${value}`),
    `  Chromium flags: ${routing.chromiumFlags.join(' ')}`,
    `  local CA ${routing.caFingerprint}`,
  ];
}
