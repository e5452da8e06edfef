import { TwilioError } from '../errors.js';
import { isSid } from '../sid.js';
import type { EngineContext } from './engine-context.js';
import type { MediaSettingsRef } from './engine-refs.js';
import { parseHttpUrl } from './http-url.js';
import { requireAccount } from './lookup.js';
import type { MediaSettingsKind, MediaSettingsRecord } from './records.js';

/**
 * An account's RecordingSettings and CompositionSettings: one shape, two resources. A POST sets the
 * fields it names and keeps the others (Twilio's own example posts encryption fields and gets its AWS
 * fields back unchanged). roomlab stores them; its media files stay on local disk whatever they say.
 */

/** A POST to `/v1/{Kind}Settings/Default`: FriendlyName is required, the rest optional. */
export interface MediaSettingsUpdate {
  friendlyName: string;
  awsCredentialsSid?: string;
  awsS3Url?: string;
  awsStorageEnabled?: boolean;
  encryptionKeySid?: string;
  encryptionEnabled?: boolean;
}

/** What an account's settings are before anything is posted: Twilio's cloud, unencrypted. */
export function defaultMediaSettings(): Record<MediaSettingsKind, MediaSettingsRecord> {
  const unset = (): MediaSettingsRecord => ({
    friendlyName: null,
    awsCredentialsSid: null,
    awsS3Url: null,
    awsStorageEnabled: false,
    encryptionKeySid: null,
    encryptionEnabled: false,
  });
  return { recording: unset(), composition: unset() };
}

const invalid = (name: string, reason: string) =>
  new TwilioError(20001, `Invalid parameter ${name}: ${reason}`);

function checkCredentialSid(name: string, value: string | undefined): void {
  if (value !== undefined && !isSid(value, 'CR'))
    throw invalid(name, `"${value.slice(0, 64)}" is not a Credential SID (CR + 32 hex digits)`);
}

/** Twilio takes DNS-compliant https URLs of 7-bit ASCII (`https://bucket.s3-region.amazonaws.com/path`). */
function checkS3Url(value: string | undefined): void {
  if (value === undefined) return;
  const url = /^[\x21-\x7e]+$/.test(value) ? parseHttpUrl(value) : undefined;
  if (url?.protocol !== 'https:' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(url.hostname))
    throw invalid('AwsS3Url', 'it must be a DNS-compliant https URL of an S3 bucket');
}

/** Turning a feature on needs what it works with, in the update or already set. */
function checkEnabling(settings: MediaSettingsRecord): void {
  if (settings.awsStorageEnabled && (settings.awsCredentialsSid === null || settings.awsS3Url === null))
    throw invalid('AwsStorageEnabled', 'storing in AWS S3 needs AwsCredentialsSid and AwsS3Url');
  if (settings.encryptionEnabled && settings.encryptionKeySid === null)
    throw invalid('EncryptionEnabled', 'encrypting needs EncryptionKeySid (a Public Key credential)');
}

export function getMediaSettings(context: EngineContext, ref: MediaSettingsRef): MediaSettingsRecord {
  return requireAccount(context, ref).mediaSettings[ref.settings];
}

export function updateMediaSettings(
  context: EngineContext,
  ref: MediaSettingsRef,
  update: MediaSettingsUpdate,
): MediaSettingsRecord {
  const account = requireAccount(context, ref);
  if (update.friendlyName.trim() === '')
    throw new TwilioError(20001, 'Missing required parameter FriendlyName in the post body');
  checkCredentialSid('AwsCredentialsSid', update.awsCredentialsSid);
  checkCredentialSid('EncryptionKeySid', update.encryptionKeySid);
  checkS3Url(update.awsS3Url);
  const current = account.mediaSettings[ref.settings];
  const next: MediaSettingsRecord = {
    friendlyName: update.friendlyName,
    awsCredentialsSid: update.awsCredentialsSid ?? current.awsCredentialsSid,
    awsS3Url: update.awsS3Url ?? current.awsS3Url,
    awsStorageEnabled: update.awsStorageEnabled ?? current.awsStorageEnabled,
    encryptionKeySid: update.encryptionKeySid ?? current.encryptionKeySid,
    encryptionEnabled: update.encryptionEnabled ?? current.encryptionEnabled,
  };
  checkEnabling(next);
  account.mediaSettings[ref.settings] = next;
  return next;
}
