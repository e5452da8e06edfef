import { describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

const credential = `CR${'a'.repeat(32)}`;
const publicKey = `CR${'b'.repeat(32)}`;
const bucket = 'https://my-bucket.s3-us-east-2.amazonaws.com/media/';

describe.each(modes)('Recording and composition settings through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);
  const settingsOf = {
    recording: () => session.client.video.v1.recordingSettings(),
    composition: () => session.client.video.v1.compositionSettings(),
  };

  it.each(['recording', 'composition'] as const)(
    "%s settings answer Twilio's defaults before anything is posted",
    async (kind) => {
      const path = kind === 'recording' ? 'RecordingSettings' : 'CompositionSettings';
      expect(await settingsOf[kind]().fetch()).toMatchObject({
        accountSid: session.emulator.credentials.accountSid,
        // In the order of Twilio's own example.
        friendlyName: null,
        awsCredentialsSid: null,
        encryptionKeySid: null,
        awsS3Url: null,
        awsStorageEnabled: false,
        encryptionEnabled: false,
        url: `${session.origin}/v1/${path}/Default`,
      });
    },
  );

  it('keep what is posted; a later post keeps the fields it leaves out; the two settings are separate', async () => {
    await settingsOf.recording().create({
      friendlyName: 'recordings to S3',
      awsCredentialsSid: credential,
      awsS3Url: bucket,
      awsStorageEnabled: true,
    });
    const updated = await settingsOf.recording().create({
      friendlyName: 'Upload encrypted',
      encryptionKeySid: publicKey,
      encryptionEnabled: true,
    });
    const expected = {
      friendlyName: 'Upload encrypted',
      awsCredentialsSid: credential,
      awsS3Url: bucket,
      awsStorageEnabled: true,
      encryptionKeySid: publicKey,
      encryptionEnabled: true,
    };
    expect(updated).toMatchObject(expected);
    expect(await settingsOf.recording().fetch()).toMatchObject(expected);
    expect((await settingsOf.composition().fetch()).friendlyName).toBeNull();
  });

  /** A POST the `twilio` client would not send (it insists on FriendlyName): Twilio's code for it. */
  async function rawPostCode(path: string, data: Record<string, string>) {
    const response = await session.client.request({ method: 'post', uri: session.origin + path, data });
    const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
    return { status: response.statusCode, code: (body as { code?: number }).code };
  }

  it('refuse a post without FriendlyName with 20001, and keep what they had', async () => {
    await settingsOf.recording().create({ friendlyName: 'kept' });
    const data = { AwsS3Url: bucket };
    expect(await rawPostCode('/v1/RecordingSettings/Default', data)).toEqual({ status: 400, code: 20001 });
    expect(await settingsOf.recording().fetch()).toMatchObject({ friendlyName: 'kept', awsS3Url: null });
  });

  it.each([
    ['an AwsCredentialsSid that is not a CR SID', { friendlyName: 'x', awsCredentialsSid: 'SK123' }],
    ['an EncryptionKeySid that is not a CR SID', { friendlyName: 'x', encryptionKeySid: 'nope' }],
    ['an AwsS3Url over http', { friendlyName: 'x', awsS3Url: 'http://my-bucket.s3.amazonaws.com/x' }],
    ['AWS storage without a bucket or credentials', { friendlyName: 'x', awsStorageEnabled: true }],
    ['encryption without a key', { friendlyName: 'x', encryptionEnabled: true }],
  ])('refuse %s with 20001, and keep what they had', async (_name, bad) => {
    await settingsOf.composition().create({ friendlyName: 'kept' });
    await expectRestError(settingsOf.composition().create(bad), { status: 400, code: 20001 });
    expect((await settingsOf.composition().fetch()).friendlyName).toBe('kept');
  });
});
