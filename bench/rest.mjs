/** Twilio's REST API of an in-process emulator, called as an app would (form bodies, Basic auth), no HTTP. */
export function restClient(emulator) {
  const { accountSid, authToken } = emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const call = (method, path, form) =>
    emulator.handle(
      new Request(new URL(path, 'https://video.twilio.com'), {
        method,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: form ? new URLSearchParams(form).toString() : undefined,
        redirect: 'manual',
      }),
    );
  /** The JSON answer; throws with Twilio's message on an error status. */
  const json = async (method, path, form) => {
    const response = await call(method, path, form);
    const body = await response.json();
    if (response.status >= 400)
      throw new Error(`${method} ${path} answered ${response.status}: ${body.message}`);
    return body;
  };
  /** A recording's or composition's media, through its `/Media` redirect, as bytes. */
  const media = async (path) => {
    const { redirect_to: location } = await json('GET', path);
    const response = await call('GET', location);
    if (response.status !== 200) throw new Error(`${location} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return { json, media };
}
