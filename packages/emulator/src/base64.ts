/** UTF-8 base64 without Node's Buffer, so the handler runs in browsers (msw's worker) too. */
function encode(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''));
}

/** Throws on anything that is not base64 of UTF-8 text. */
function decode(encoded: string): string {
  const binary = atob(encoded);
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
}

export const base64 = { encode, decode };

export const base64url = {
  encode: (text: string) => encode(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  decode: (encoded: string) => {
    if (!/^[A-Za-z0-9_-]*$/.test(encoded)) throw new Error('not base64url');
    return decode(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  },
};
