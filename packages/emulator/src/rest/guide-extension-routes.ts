import { roomRecordingResource } from './recording-resources.js';
import { json, type Route } from './route.js';

/**
 * Forms that Twilio's Video guide uses but Twilio does not serve, kept so apps written from the guide
 * run: every answer carries a `Roomlab-Extension` header. On Twilio, use RecordingRules.
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
];
