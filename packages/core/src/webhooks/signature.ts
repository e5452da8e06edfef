/**
 * Twilio's webhook signature (`X-Twilio-Signature`): base64 of HMAC-SHA1, keyed by the account's auth
 * token, over the full URL followed, for a POST, by every parameter name and value in name order.
 * WebCrypto, so it runs in Node and in browsers alike.
 */
export type WebhookParams = Record<string, string | readonly string[]>;

export function signedPayload(url: string, params: WebhookParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
    for (const one of values) data += name + one;
  }
  return data;
}

export async function twilioSignature(
  authToken: string,
  url: string,
  params: WebhookParams = {},
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(authToken),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, encoder.encode(signedPayload(url, params))),
  );
  return btoa(Array.from(mac, (byte) => String.fromCharCode(byte)).join(''));
}
