import { isTwilioError } from '../errors.js';
import { createComposition, recordingsOf } from './compositions.js';
import type { EngineContext } from './engine-context.js';
import type { RoomRecord } from './records.js';

/**
 * Composition hooks at work: once a room has ended and every one of its recordings is finished, each
 * enabled hook of the account starts a composition of it, with the hook's layout, format and
 * StatusCallback (Twilio: "when a room with recordings completes"). A room sets its hooks off once.
 */
export function runCompositionHooks(context: EngineContext, room: RoomRecord): void {
  if (room.status === 'in-progress' || room.compositionHooksRun) return;
  const recordings = recordingsOf(context, room);
  if (recordings.length === 0 || recordings.some((recording) => recording.status === 'processing')) return;
  room.compositionHooksRun = true;
  const account = context.accounts.get(room.accountSid);
  const hooks = [...(account?.compositionHooks.values() ?? [])].filter((hook) => hook.enabled);
  for (const hook of hooks) {
    try {
      createComposition(context, room, {
        roomSid: room.sid,
        videoLayout: Object.keys(hook.videoLayout).length > 0 ? hook.videoLayout : undefined,
        audioSources: hook.audioSources,
        audioSourcesExcluded: hook.audioSourcesExcluded,
        resolution: hook.resolution,
        format: hook.format,
        trim: hook.trim,
        statusCallback: hook.statusCallback ?? undefined,
        statusCallbackMethod: hook.statusCallbackMethod,
        hook: { sid: hook.sid, friendlyName: hook.friendlyName },
      });
    } catch (error) {
      // A hook that cannot compose this room (all its media deleted, say) leaves the others to run.
      if (!isTwilioError(error)) throw error;
    }
  }
}
