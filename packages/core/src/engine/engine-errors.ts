import { TwilioError } from '../errors.js';
import type { RoomRecord } from './records.js';

/** The engine's refusals, each worded once. */

export const accountNotFound = (accountSid: string) =>
  new TwilioError(20404, `Account ${accountSid} was not found`);

export const roomNotFound = (room: string) =>
  new TwilioError(20404, `The requested resource /Rooms/${room} was not found`);

export const participantNotFound = (room: RoomRecord, participant: string) =>
  new TwilioError(
    20404,
    `The requested resource /Rooms/${room.sid}/Participants/${participant} was not found`,
  );

/** 53118: the room has ended, so it takes no more changes. */
export const roomCompleted = (room: RoomRecord) =>
  new TwilioError(53118, `Room completed: room ${room.sid} has ended`);

/** 53204: the participant is not (or no longer) connected to the room. */
export const participantNotConnected = (room: RoomRecord, participantSid: string) =>
  new TwilioError(53204, `Participant not found: ${participantSid} is not connected to room ${room.sid}`);
