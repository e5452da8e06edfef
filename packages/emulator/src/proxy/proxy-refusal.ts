import { isServedHost } from './served-hosts.js';

/** Why the proxy will not serve a request, and the status it answers with. */
export interface ProxyRefusal {
  status: 400 | 403;
  reason: string;
}

/**
 * Whether roomlab's proxy serves `host` (no port): undefined when it does, else the refusal. Nothing is
 * forwarded to the internet, so every host but Twilio's is refused with a reason that names the fix.
 */
export function refusalFor(host: string): ProxyRefusal | undefined {
  if (isServedHost(host)) return undefined;
  return {
    status: 403,
    reason:
      `roomlab's proxy serves only Twilio's Video hosts and never forwards to the internet; it refuses ` +
      `"${host}". Exclude other hosts from the proxy (NO_PROXY), or reach roomlab's own URL directly.`,
  };
}

/** Where a CONNECT request asks to go (`host:443`), or why it is refused. */
export function connectTarget(authority: string): { host: string } | ProxyRefusal {
  let url: URL;
  try {
    if (/[/@?#\\\s]/.test(authority)) throw new Error('not host:port');
    url = new URL(`https://${authority}`);
  } catch {
    return {
      status: 400,
      reason: `roomlab's proxy cannot read the CONNECT target "${authority}": give host:port`,
    };
  }
  const refusal = refusalFor(url.hostname);
  if (refusal) return refusal;
  // Port 443 is the URL's default, so it reads back empty; any other port is not Twilio's.
  if (url.port !== '') {
    return { status: 403, reason: `roomlab's proxy serves Twilio's hosts on port 443 only, not ${url.port}` };
  }
  return { host: url.hostname };
}
