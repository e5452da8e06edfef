import { isSid, type RoomRecord, TwilioError } from '@roomlab/core';
import { participantSummaryResource, roomSummaryResource } from './insights-resources.js';
import { listPage } from './list-page.js';
import { invalidParameter } from './params.js';
import { json, type Route, type RouteContext } from './route.js';

/** Twilio's Video Insights API (insights.twilio.com): room and participant summaries. */

const roomTypes = ['go', 'peer_to_peer', 'group', 'group_small'] as const;
const codecs = ['VP8', 'H264', 'VP9', 'opus'] as const;

const notFound = (path: string) =>
  new TwilioError(20404, `The requested resource ${path.slice(0, 200)} was not found`);

const hour = 3_600_000;
const day = 24 * hour;

/**
 * Whether Twilio still keeps a room's logs: "Video Logs are available for two days for WebRTC Go rooms,
 * and seven days for all other room types", counted here from the room's end.
 */
function logsKept(room: RoomRecord, now: number): boolean {
  const keptFor = room.type === 'go' ? 2 * day : 7 * day;
  return room.endTime === null || now < room.endTime + keptFor;
}

/** The room a path names, by SID only (Insights knows no names in its paths); 20404 for any other. */
function summarizedRoom(context: RouteContext): RoomRecord {
  const sid = context.pathParams.RoomSid ?? '';
  const room = isSid(sid, 'RM') ? context.engine.getAccount(context.accountSid)?.rooms.get(sid) : undefined;
  if (!room || !logsKept(room, context.engine.clock.now())) throw notFound(context.path);
  return room;
}

/**
 * Without CreatedAfter or CreatedBefore, Twilio lists "only Rooms completed in the last 24 hours";
 * roomlab also lists rooms still in progress, whose summaries are being made.
 */
function inDefaultWindow(room: RoomRecord, now: number): boolean {
  return room.endTime === null || now - room.endTime <= day;
}

/** A multi-valued enum filter: every value must be one of `allowed` (20001 otherwise). */
function enumList<T extends string>(
  context: RouteContext,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const values = context.params.list(name);
  const wrong = values?.find((value) => !(allowed as readonly string[]).includes(value));
  if (wrong !== undefined)
    throw invalidParameter(name, `"${wrong.slice(0, 64)}" is not one of ${allowed.join(', ')}`);
  return values as T[] | undefined;
}

/** The room list's filters, applied to the summary each room has now. */
function roomFilter(context: RouteContext) {
  const types = enumList(context, 'RoomType', roomTypes);
  const wanted = enumList(context, 'Codec', codecs);
  const name = context.params.string('RoomName');
  const after = context.params.date('CreatedAfter');
  const before = context.params.date('CreatedBefore');
  const now = context.engine.clock.now();
  const dated = after !== undefined || before !== undefined;
  return (summary: ReturnType<typeof roomSummaryResource>, room: RoomRecord) =>
    logsKept(room, now) &&
    (dated || inDefaultWindow(room, now)) &&
    (types === undefined || types.includes(summary.room_type as (typeof roomTypes)[number])) &&
    (wanted === undefined || wanted.some((codec) => summary.codecs?.includes(codec))) &&
    (name === undefined || summary.room_name === name) &&
    (after === undefined || room.dateCreated >= after) &&
    (before === undefined || room.dateCreated < before);
}

export const insightsRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/Video/Rooms',
    operationId: 'ListVideoRoomSummary',
    handle(context) {
      const keep = roomFilter(context);
      // Newest first, as Twilio lists rooms.
      const rooms = [...(context.engine.getAccount(context.accountSid)?.rooms.values() ?? [])]
        .reverse()
        .map((room) => ({ sid: room.sid, room, summary: roomSummaryResource(context, room) }))
        .filter(({ summary, room }) => keep(summary, room));
      return listPage(
        context,
        { key: 'rooms', filters: ['RoomType', 'Codec', 'RoomName', 'CreatedAfter', 'CreatedBefore'] },
        rooms,
        (item) => item.summary,
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Video/Rooms/{RoomSid}',
    operationId: 'FetchVideoRoomSummary',
    handle: (context) => json(200, roomSummaryResource(context, summarizedRoom(context))),
  },
  {
    method: 'GET',
    template: '/v1/Video/Rooms/{RoomSid}/Participants',
    operationId: 'ListVideoParticipantSummary',
    handle(context) {
      const room = summarizedRoom(context);
      return listPage(context, { key: 'participants' }, [...room.participants.values()], (participant) =>
        participantSummaryResource(room, participant, context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Video/Rooms/{RoomSid}/Participants/{ParticipantSid}',
    operationId: 'FetchVideoParticipantSummary',
    handle(context) {
      const room = summarizedRoom(context);
      const participant = room.participants.get(context.pathParams.ParticipantSid ?? '');
      if (!participant) throw notFound(context.path);
      return json(200, participantSummaryResource(room, participant, context.base));
    },
  },
];
