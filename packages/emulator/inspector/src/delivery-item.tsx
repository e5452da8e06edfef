import { ActionButton } from './action-button.js';
import { duration } from './time-format.js';
import type { Delivery } from './wire-types.js';

/**
 * Whose event it is, from the callback's own parameters (` of alice`, ` of alice, audio track`, ` of
 * alice, track "mic"` for a recording), so two `participant-disconnected` deliveries of one room read,
 * and have their buttons named, apart.
 */
function subjectOf(params: Record<string, string>): string {
  const { ParticipantIdentity: identity, TrackName: name, TrackKind: kind } = params;
  if (identity === undefined) return '';
  const track = name !== undefined ? `track "${name}"` : kind !== undefined ? `${kind} track` : undefined;
  return track === undefined ? ` of ${identity}` : ` of ${identity}, ${track}`;
}

/** One status callback: its event, where it went, its state, each attempt; redeliverable once it failed. */
export function DeliveryItem({ delivery }: { delivery: Delivery }) {
  const undelivered = delivery.state === 'failed' || delivery.state === 'dropped';
  const subject = subjectOf(delivery.params);
  return (
    <li className="delivery" data-delivery-id={delivery.id}>
      <strong>{delivery.event}</strong>
      {subject} <span className={`status ${delivery.state}`}>{delivery.state}</span>{' '}
      <span className="meta">
        {delivery.method} {delivery.url} · room <code>{delivery.roomSid}</code> · {delivery.attempts.length}{' '}
        {delivery.attempts.length === 1 ? 'attempt' : 'attempts'}
      </span>
      {undelivered && (
        <ActionButton
          label="Redeliver"
          ariaLabel={`Redeliver ${delivery.event}${subject} in room ${delivery.roomSid}`}
          action={(actions) => actions.redeliver(delivery.id)}
        />
      )}
      {delivery.attempts.length > 0 && (
        <details>
          <summary>Attempts of {delivery.event}</summary>
          <ol>
            {delivery.attempts.map((attempt) => (
              <li key={attempt.startedAt}>
                {new Date(attempt.startedAt).toISOString()} · {attempt.status ?? 'no answer'} ·{' '}
                {duration(attempt.latencyMs)}
                {attempt.error ? ` · ${attempt.error}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
