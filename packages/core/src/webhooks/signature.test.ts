import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from './signature.js';

describe('X-Twilio-Signature', () => {
  const authToken = '12345678901234567890123456789012';
  const url = 'https://hooks.example.com/room-events?tenant=7';

  it('matches the twilio library for a POST, and passes its validateRequest', async () => {
    const params = {
      StatusCallbackEvent: 'room-created',
      RoomName: 'Daily Standup ✓',
      SequenceNumber: '0',
      AccountSid: `AC${'a'.repeat(32)}`,
    };
    const signature = await twilioSignature(authToken, url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(authToken, url, params));
    expect(twilio.validateRequest(authToken, signature, url, params)).toBe(true);
    expect(twilio.validateRequest('another-token', signature, url, params)).toBe(false);
    expect(twilio.validateRequest(authToken, signature, url, { ...params, RoomName: 'x' })).toBe(false);
  });

  it('signs repeated parameters the way the library does, and a GET by its URL alone', async () => {
    const params = { Codec: ['VP8', 'H264', 'VP8'], Name: 'a' };
    expect(await twilioSignature(authToken, url, params)).toBe(
      twilio.getExpectedTwilioSignature(authToken, url, params),
    );
    const get = `${url}&RoomName=standup`;
    expect(twilio.validateRequest(authToken, await twilioSignature(authToken, get), get, {})).toBe(true);
  });
});
