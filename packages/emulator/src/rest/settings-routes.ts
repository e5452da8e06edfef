import type {
  MediaSettingsKind,
  MediaSettingsRecord,
  MediaSettingsRef,
  RecordingSettings,
} from '@roomlab/core';
import { TwilioError } from '@roomlab/core';
import { json, type Route, type RouteContext } from './route.js';

/**
 * `/v1/RecordingSettings/Default` and `/v1/CompositionSettings/Default`: one account-wide resource each,
 * of one shape. GET answers Twilio's defaults until a POST (Twilio calls it Create) sets some fields.
 * roomlab keeps what is posted, and writes its media files locally whatever the settings say.
 */

/** Each settings resource: its path segment and the word in its operation IDs. */
const resources: Record<MediaSettingsKind, string> = {
  recording: 'Recording',
  composition: 'Composition',
};

/** Both resources have the same fields (the spec's recording_settings and composition_settings). */
function settingsResource(accountSid: string, settings: MediaSettingsRecord, url: string): RecordingSettings {
  return {
    account_sid: accountSid,
    friendly_name: settings.friendlyName,
    aws_credentials_sid: settings.awsCredentialsSid,
    aws_s3_url: settings.awsS3Url,
    aws_storage_enabled: settings.awsStorageEnabled,
    encryption_key_sid: settings.encryptionKeySid,
    encryption_enabled: settings.encryptionEnabled,
    url,
  };
}

function update(context: RouteContext, ref: MediaSettingsRef) {
  const { params } = context;
  const friendlyName = params.string('FriendlyName');
  if (friendlyName === undefined)
    throw new TwilioError(20001, 'Missing required parameter FriendlyName in the post body');
  return context.engine.updateMediaSettings(ref, {
    friendlyName,
    awsCredentialsSid: params.string('AwsCredentialsSid'),
    awsS3Url: params.string('AwsS3Url'),
    awsStorageEnabled: params.boolean('AwsStorageEnabled'),
    encryptionKeySid: params.string('EncryptionKeySid'),
    encryptionEnabled: params.boolean('EncryptionEnabled'),
  });
}

function routesOf(kind: MediaSettingsKind): Route[] {
  const name = resources[kind];
  const template = `/v1/${name}Settings/Default`;
  const ref = (context: RouteContext): MediaSettingsRef => ({
    accountSid: context.accountSid,
    settings: kind,
  });
  const answer = (context: RouteContext, settings: MediaSettingsRecord) =>
    json(200, settingsResource(context.accountSid, settings, context.base + template));
  return [
    {
      method: 'GET',
      template,
      operationId: `Fetch${name}Settings`,
      handle: (context) => answer(context, context.engine.getMediaSettings(ref(context))),
    },
    {
      method: 'POST',
      template,
      operationId: `Create${name}Settings`,
      handle: (context) => answer(context, update(context, ref(context))),
    },
  ];
}

export const settingsRoutes: Route[] = [...routesOf('recording'), ...routesOf('composition')];
