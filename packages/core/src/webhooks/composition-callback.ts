import type { CompositionSnapshot, EngineEvent } from '../engine/events.js';

/**
 * What Twilio posts on `composition-*` events (its Status Callbacks page, "Compositions Status
 * Callback request parameters"): the composition, its hook when one made it, and per event its media,
 * progress or failure.
 */
export function compositionCallbackParams(
  event: EngineEvent,
  composition: CompositionSnapshot,
): Record<string, string> {
  const uri = `/v1/Compositions/${composition.sid}`;
  const params: Record<string, string> = {
    AccountSid: event.accountSid,
    RoomSid: composition.roomSid,
    CompositionSid: composition.sid,
    CompositionUri: uri,
    StatusCallbackEvent: event.name,
    Timestamp: new Date(event.timestamp).toISOString(),
  };
  if (event.name === 'composition-enqueued' && composition.hook) {
    params.HookSid = composition.hook.sid;
    params.HookUri = `/v1/CompositionHooks/${composition.hook.sid}`;
    params.HookFriendlyName = composition.hook.friendlyName;
  }
  if (event.name === 'composition-available') {
    params.MediaUri = `${uri}/Media`;
    params.Duration = String(composition.duration ?? 0);
    params.Size = String(composition.size ?? 0);
  }
  if (event.name === 'composition-progress') {
    params.PercentageDone = String(composition.progress);
    params.SecondsRemaining = String(event.secondsRemaining ?? 0);
  }
  if (event.name === 'composition-failed') {
    params.FailedOperation = 'Composition';
    params.ErrorMessage = composition.failure?.message ?? 'The composition failed';
  }
  return params;
}
