/**
 * Twilio's hosts roomlab's proxy answers for, as data: the REST APIs it serves and the SDK's signaling
 * host. Every other host is refused, so nothing goes on to the internet.
 */
export const restHosts = ['video.twilio.com', 'api.twilio.com', 'insights.twilio.com'] as const;

/**
 * The SDK's signaling host: `global.vss.twilio.com` by default, `<region>.vss.twilio.com` with its
 * `region` option (twilio-video's `WS_SERVER` in lib/util/constants.js).
 */
const signalingHost = /^[a-z0-9-]+\.vss\.twilio\.com$/;

/** The names the proxy's certificate covers: one wildcard covers every region's signaling host. */
export const certificateNames: readonly string[] = [...restHosts, '*.vss.twilio.com'];

/** Whether roomlab answers for `host` (a host name, no port) through its proxy. */
export function isServedHost(host: string): boolean {
  const name = host.toLowerCase();
  return (restHosts as readonly string[]).includes(name) || signalingHost.test(name);
}
