import { ActionButton } from './action-button.js';
import { useInspectorData } from './inspector-context.js';
import { ParticipantItem } from './participant-item.js';
import { RoomTimeline } from './room-timeline.js';
import { timeOfDay } from './time-format.js';
import { timelineLayout } from './timeline-layout.js';
import type { RoomState } from './wire-types.js';

/** A room: its settings, its participants with their tracks, its timeline, and a button to complete it. */
export function RoomCard({ room }: { room: RoomState }) {
  const { events, deliveries, clock, state } = useInspectorData();
  const now = clock?.now ?? state?.takenAt ?? room.dateUpdated;
  const inProgress = room.status === 'in-progress';
  const connected = room.participants.filter((participant) => participant.status === 'connected').length;
  return (
    <article className="room" aria-labelledby={`room-${room.sid}`} data-room-sid={room.sid}>
      <h4 id={`room-${room.sid}`}>
        {room.uniqueName} <span className={`status ${room.status}`}>{room.status}</span>
      </h4>
      <p className="meta">
        <code>{room.sid}</code> · {room.type} · created {timeOfDay(room.dateCreated)}
        {room.endTime === null ? '' : ` · ended ${timeOfDay(room.endTime)}`} · {connected} connected of{' '}
        {room.maxParticipants}
      </p>
      {inProgress && (
        <div className="controls">
          <ActionButton
            label="Complete room"
            ariaLabel={`Complete room ${room.uniqueName}`}
            danger
            action={(actions) => actions.completeRoom(room.sid)}
          />
        </div>
      )}
      <RoomTimeline layout={timelineLayout(room, events, deliveries, now)} roomName={room.uniqueName} />
      {room.participants.length === 0 ? (
        <p className="none">No participants yet.</p>
      ) : (
        <ul className="participants" aria-label={`Participants of ${room.uniqueName}`}>
          {room.participants.map((participant) => (
            <ParticipantItem key={participant.sid} room={room} participant={participant} />
          ))}
        </ul>
      )}
    </article>
  );
}
