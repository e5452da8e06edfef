/** An absolute http(s) URL of at most 2048 characters, parsed; undefined for anything else. */
export function parseHttpUrl(value: string): URL | undefined {
  if (value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
