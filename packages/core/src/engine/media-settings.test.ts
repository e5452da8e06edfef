import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

const credential = `CR${'a'.repeat(32)}`;
const publicKey = `CR${'b'.repeat(32)}`;
const bucket = 'https://my-bucket.s3-us-east-2.amazonaws.com/recordings';

describe('recording and composition settings', () => {
  it("answer Twilio's defaults before anything is posted: Twilio's cloud, unencrypted, no name", () => {
    const { engine, accountSid } = engineFixture();
    for (const settings of ['recording', 'composition'] as const) {
      const fresh = engine.getMediaSettings({ accountSid, settings });
      expect([fresh.awsStorageEnabled, fresh.encryptionEnabled]).toEqual([false, false]);
      const unset = [fresh.friendlyName, fresh.awsCredentialsSid, fresh.awsS3Url, fresh.encryptionKeySid];
      expect(unset).toEqual([null, null, null, null]);
    }
  });

  it('keep what is posted, and a later post that leaves fields out keeps them', () => {
    const { engine, accountSid } = engineFixture();
    const ref = { accountSid, settings: 'recording' } as const;
    engine.updateMediaSettings(ref, {
      friendlyName: 'to S3',
      awsCredentialsSid: credential,
      awsS3Url: bucket,
      awsStorageEnabled: true,
    });
    const after = engine.updateMediaSettings(ref, {
      friendlyName: 'to S3, encrypted',
      encryptionKeySid: publicKey,
      encryptionEnabled: true,
    });
    expect(after).toEqual({
      friendlyName: 'to S3, encrypted',
      awsCredentialsSid: credential,
      awsS3Url: bucket,
      awsStorageEnabled: true,
      encryptionKeySid: publicKey,
      encryptionEnabled: true,
    });
    expect(engine.getMediaSettings(ref)).toEqual(after);
    // Recording settings are not composition settings, and one account's are not another's.
    expect(engine.getMediaSettings({ accountSid, settings: 'composition' }).friendlyName).toBeNull();
    const other = engine.addAccount().sid;
    expect(engine.getMediaSettings({ accountSid: other, settings: 'recording' }).friendlyName).toBeNull();
  });

  it.each([
    ['an empty FriendlyName', { friendlyName: ' ' }],
    ['an AwsCredentialsSid that is not a CR SID', { friendlyName: 'x', awsCredentialsSid: 'AC123' }],
    [
      'an EncryptionKeySid that is not a CR SID',
      { friendlyName: 'x', encryptionKeySid: `PK${'a'.repeat(32)}` },
    ],
    ['an http S3 URL', { friendlyName: 'x', awsS3Url: 'http://my-bucket.s3.amazonaws.com/path' }],
    ['an S3 URL that is not a URL', { friendlyName: 'x', awsS3Url: 'my-bucket/path' }],
    [
      'an S3 URL with non-ASCII characters',
      { friendlyName: 'x', awsS3Url: 'https://bücket.s3.amazonaws.com/' },
    ],
    ['AWS storage without credentials or bucket', { friendlyName: 'x', awsStorageEnabled: true }],
    ['encryption without a public key', { friendlyName: 'x', encryptionEnabled: true }],
  ])('refuse %s with 20001 and keep what they had', (_name, update) => {
    const { engine, accountSid } = engineFixture();
    const ref = { accountSid, settings: 'composition' } as const;
    engine.updateMediaSettings(ref, { friendlyName: 'kept' });
    expect(codeOf(() => engine.updateMediaSettings(ref, update))).toBe(20001);
    expect(engine.getMediaSettings(ref).friendlyName).toBe('kept');
  });
});
