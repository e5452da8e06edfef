import { networkQualityOf } from '@roomlab/core';
import { json, type Route } from './route.js';
import { participantRef } from './video-routes.js';

/**
 * The network quality request of Twilio's Video guide, which Twilio does not serve (its levels reach
 * clients only): a participant's levels as roomlab knows them now, measured or forced, null while
 * unknown. Every answer carries a `Roomlab-Extension` header.
 */
export const networkQualityRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/Video/Rooms/{RoomSid}/Participants/{ParticipantSid}/NetworkQuality',
    operationId: 'FetchParticipantNetworkQualityExtension',
    source: 'extension',
    handle(context) {
      const participant = context.engine.getParticipant(participantRef(context, 'ParticipantSid'));
      const levels = networkQualityOf(participant);
      const medium = (key: 'audio' | 'video') => ({
        send: levels?.[key].send ?? null,
        recv: levels?.[key].recv ?? null,
      });
      return json(200, {
        room_sid: participant.roomSid,
        participant_sid: participant.sid,
        level: levels?.level ?? null,
        audio: medium('audio'),
        video: medium('video'),
      });
    },
  },
];
