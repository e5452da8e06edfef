import { type BandwidthProfileRecord, twilioDate } from '@roomlab/core';
import { roomRecordingResource } from './recording-resources.js';
import { json, type Route } from './route.js';

/**
 * Forms that Twilio's Video guide uses but Twilio does not serve, kept so apps written from the guide
 * run: every answer carries a `Roomlab-Extension` header. On Twilio, use RecordingRules for the
 * recording request, and each client's `bandwidthProfile` connect option for a bandwidth profile.
 */
export const guideExtensionRoutes: Route[] = [
  {
    method: 'POST',
    template: '/v1/Video/Rooms/{RoomSid}/Recordings',
    operationId: 'StartRoomRecordingExtension',
    source: 'extension',
    acceptsJson: true,
    handle(context) {
      const roomRef = { accountSid: context.accountSid, room: context.pathParams.RoomSid ?? '' };
      // As an include-all recording rule: every track of the room is recorded from now on.
      const room = context.engine.updateRecordingRules(roomRef, [{ type: 'include', all: true }]);
      const recordings = context.engine
        .listRecordings({ accountSid: context.accountSid }, { roomSid: room.sid, status: 'processing' })
        .filter((recording) => recording.captureEndedAt === null);
      return json(201, {
        room_sid: room.sid,
        recordings: recordings.map((recording) => roomRecordingResource(recording, context.base)),
      });
    },
  },
  {
    method: 'POST',
    template: '/v1/Video/Profiles',
    operationId: 'CreateBandwidthProfileExtension',
    source: 'extension',
    acceptsJson: true,
    handle(context) {
      const { params } = context;
      const profile = context.engine.storeBandwidthProfile(
        { accountSid: context.accountSid },
        {
          name: params.string('Name'),
          maxSubscriptionBitrate: params.integer('MaxSubscriptionBitrate', { min: 1 }),
        },
      );
      return json(201, bandwidthProfileResource(profile));
    },
  },
];

/** A stored bandwidth profile as the extension answers it; the account's default from now on. */
function bandwidthProfileResource(profile: BandwidthProfileRecord) {
  return {
    account_sid: profile.accountSid,
    name: profile.name,
    max_subscription_bitrate: profile.maxSubscriptionBitrate,
    default: true,
    date_created: twilioDate(profile.dateCreated),
    date_updated: twilioDate(profile.dateUpdated),
  };
}
