/**
 * What the control API sends, named as the emulator names it: the types are the emulator's own (imported
 * as types only, so nothing of the emulator lands in the page's bundle).
 */
export type {
  AccountState,
  CompositionRecord,
  EngineEvent,
  EngineState,
  ParticipantState,
  RecordingRecord,
  RoomState,
} from '@roomlab/core';
export type { Fault } from '../../src/control/faults.js';
export type { ClockReading } from '../../src/control/live-feed.js';
export type { LoggedRequest } from '../../src/control/request-log.js';
export type { Delivery, DeliveryAttempt } from '../../src/webhooks/status-callback-delivery.js';
