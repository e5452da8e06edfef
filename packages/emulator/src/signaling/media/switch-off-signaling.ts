import type { MediaSignalingFeature } from './media-signaling.js';
import type { SwitchOff } from './switch-off.js';

/**
 * The switch-off features' media-signaling messages, routed to the subscriber's switch-off: the
 * client's `render_hints` (answered, as the SDK waits for), its `track_priority`, and `ready` on
 * `track_switch_off` (it hears the whole state then).
 */
export function switchOffSignaling(switchOff: SwitchOff) {
  return (
    feature: MediaSignalingFeature,
    message: { type?: unknown },
    reply: (answer: Record<string, unknown>) => void,
  ) => {
    if (feature === 'render_hints' && message.type === 'render_hints') reply(switchOff.renderHints(message));
    if (feature === 'track_priority' && message.type === 'track_priority') switchOff.trackPriority(message);
    if (feature === 'track_switch_off' && message.type === 'ready') switchOff.ready();
  };
}
