import { describe, expect, it } from 'vitest';
import { mswMode, sessionPerTest } from '../test-support/modes.js';

describe("The Twilio guide's bandwidth profiles (a roomlab extension)", () => {
  const session = sessionPerTest(mswMode);
  const post = (body: unknown) => {
    const { accountSid, authToken } = session.emulator.credentials;
    return fetch(`${session.origin}/v1/Video/Profiles`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  };
  const defaultProfile = () =>
    session.emulator.engine.defaultBandwidthProfile({ accountSid: session.emulator.credentials.accountSid });

  it('POST /v1/Video/Profiles stores a named profile that becomes the account default, marked as an extension', async () => {
    const answer = await post({ name: 'low-bandwidth', maxSubscriptionBitrate: 300_000 });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('roomlab-extension')).toMatch(/^route/);
    expect(await answer.json()).toMatchObject({
      account_sid: session.emulator.credentials.accountSid,
      name: 'low-bandwidth',
      max_subscription_bitrate: 300_000,
      default: true,
    });
    expect(defaultProfile()).toMatchObject({ name: 'low-bandwidth', maxSubscriptionBitrate: 300_000 });
  });

  it('refuses a missing name or a bad bitrate with 20001 naming the field, storing nothing', async () => {
    for (const [body, field] of [
      [{ maxSubscriptionBitrate: 300_000 }, /name/],
      [{ name: 'x', maxSubscriptionBitrate: 0 }, /MaxSubscriptionBitrate/],
      [{ name: 'x', maxSubscriptionBitrate: 'fast' }, /MaxSubscriptionBitrate/],
      [{ name: 'x' }, /maxSubscriptionBitrate/],
    ] as const) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      const error = (await answer.json()) as { code: number; message: string };
      expect(error.code).toBe(20001);
      expect(error.message).toMatch(field);
    }
    expect(defaultProfile()).toBeUndefined();
  });
});
