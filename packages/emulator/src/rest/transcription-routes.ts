import {
  type RoomRecord,
  type RoomRef,
  type Transcription,
  type TranscriptionRecord,
  type TranscriptionRef,
  transcriptionActivity,
  twilioDate,
} from '@roomlab/core';
import { listPage } from './list-page.js';
import { json, type Route, type RouteContext } from './route.js';

/**
 * `/v1/Rooms/{RoomSid}/Transcriptions`: a room's real-time transcriptions (one per room, as on Twilio).
 * Create and update answer 202, as the spec says. The text they produce reaches connected clients over
 * signaling; a test supplies it through the control API (`/_roomlab/transcripts`).
 */

const date = (ms: number | null) => (ms === null ? null : twilioDate(ms));

function transcriptionResource(
  transcription: TranscriptionRecord,
  room: RoomRecord,
  now: number,
  base: string,
): Transcription {
  const activity = transcriptionActivity(transcription, room, now);
  return {
    ttid: transcription.ttid,
    account_sid: transcription.accountSid,
    room_sid: transcription.roomSid,
    // The SID of a call Twilio's transcription service makes; roomlab makes none.
    source_sid: null,
    status: transcription.status,
    date_created: twilioDate(transcription.dateCreated),
    date_updated: date(transcription.dateUpdated),
    start_time: date(activity.startTime),
    end_time: date(activity.endTime),
    duration: activity.durationSeconds,
    url: `${base}/v1/Rooms/${transcription.roomSid}/Transcriptions/${transcription.ttid}`,
    // The spec declares an object with no properties; Twilio's are the configuration's names.
    configuration: { ...transcription.configuration } as Transcription['configuration'],
  };
}

const roomRef = (context: RouteContext): RoomRef => ({
  accountSid: context.accountSid,
  room: context.pathParams.RoomSid ?? '',
});

const transcriptionRef = (context: RouteContext): TranscriptionRef => ({
  ...roomRef(context),
  ttid: context.pathParams.Ttid ?? '',
});

const answer = (context: RouteContext, status: number, transcription: TranscriptionRecord) => {
  const room = context.engine.getRoom(roomRef(context));
  return json(status, transcriptionResource(transcription, room, context.engine.clock.now(), context.base));
};

export const transcriptionRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Transcriptions',
    operationId: 'ListRoomTranscriptions',
    handle(context) {
      const room = context.engine.getRoom(roomRef(context));
      const now = context.engine.clock.now();
      const items = context.engine
        .listTranscriptions(roomRef(context))
        .map((transcription) => ({ sid: transcription.ttid, transcription }));
      return listPage(context, { key: 'transcriptions' }, items, (item) =>
        transcriptionResource(item.transcription, room, now, context.base),
      );
    },
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Transcriptions',
    operationId: 'CreateRoomTranscriptions',
    handle: (context) =>
      answer(
        context,
        202,
        context.engine.createTranscription(roomRef(context), {
          configuration: context.params.json('Configuration'),
        }),
      ),
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}',
    operationId: 'FetchRoomTranscriptions',
    handle: (context) => answer(context, 200, context.engine.getTranscription(transcriptionRef(context))),
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}',
    operationId: 'UpdateRoomTranscriptions',
    handle: (context) =>
      answer(
        context,
        202,
        context.engine.updateTranscription(transcriptionRef(context), {
          status: context.params.string('Status'),
          configuration: context.params.json('Configuration'),
        }),
      ),
  },
];
