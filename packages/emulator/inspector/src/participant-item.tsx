import { ActionButton } from './action-button.js';
import { NetworkLevelControl } from './network-level-control.js';
import { timeOfDay } from './time-format.js';
import type { ParticipantState, RoomState } from './wire-types.js';

/** A published track by its MT SID, as `kind "name" of identity`, for the subscriptions list. */
function trackLabel(room: RoomState, trackSid: string): string {
  for (const participant of room.participants) {
    const track = participant.publishedTracks.find((each) => each.sid === trackSid);
    if (track) return `${track.kind} "${track.name}" of ${participant.identity}`;
  }
  return trackSid;
}

/** A participant: its state, the tracks it publishes and those it receives, and what can be done to it. */
export function ParticipantItem({ room, participant }: { room: RoomState; participant: ParticipantState }) {
  const connected = participant.status === 'connected';
  const measured = participant.networkQuality?.level;
  return (
    <li className="participant" data-participant-sid={participant.sid}>
      <h5>
        {participant.identity} <span className={`status ${participant.status}`}>{participant.status}</span>
      </h5>
      <p className="meta">
        <code>{participant.sid}</code> · joined {timeOfDay(participant.startTime)}
        {participant.endTime === null ? '' : ` · left ${timeOfDay(participant.endTime)}`}
        {measured === undefined ? '' : ` · measured level ${measured}`}
        {participant.networkQualityLevel ? ` · forced level ${participant.networkQualityLevel}` : ''}
      </p>
      <p className="label">Publishes</p>
      {participant.publishedTracks.length === 0 ? (
        <p className="none">no tracks</p>
      ) : (
        <ul className="tracks" aria-label={`Tracks ${participant.identity} publishes`}>
          {participant.publishedTracks.map((track) => (
            <li key={track.sid}>
              {track.kind} "{track.name}" {track.enabled ? '' : '(disabled) '}
              <span className="meta">
                {track.priority} · <code>{track.sid}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="label">Subscribed to</p>
      {participant.subscribedTracks.length === 0 ? (
        <p className="none">no tracks</p>
      ) : (
        <ul className="tracks" aria-label={`Tracks ${participant.identity} receives`}>
          {participant.subscribedTracks.map((subscription) => (
            <li key={subscription.trackSid}>{trackLabel(room, subscription.trackSid)}</li>
          ))}
        </ul>
      )}
      {connected && (
        <div className="controls">
          <ActionButton
            label="Disconnect"
            ariaLabel={`Disconnect ${participant.identity}`}
            danger
            action={(actions) => actions.disconnectParticipant(participant.sid)}
          />
          <NetworkLevelControl
            participantSid={participant.sid}
            identity={participant.identity}
            forced={participant.networkQualityLevel ?? null}
          />
        </div>
      )}
    </li>
  );
}
