import { useInspectorData } from './inspector-context.js';
import { RoomCard } from './room-card.js';

/** Every account and its rooms, in progress first, newest first within each. */
export function AccountsPanel() {
  const { state } = useInspectorData();
  return (
    <section aria-labelledby="rooms-heading" className="panel">
      <h2 id="rooms-heading">Accounts and rooms</h2>
      {!state && <p className="none">Loading…</p>}
      {state?.accounts.map((account) => {
        const rooms = [...account.rooms].sort(
          (a, b) =>
            Number(b.status === 'in-progress') - Number(a.status === 'in-progress') ||
            b.dateCreated - a.dateCreated,
        );
        return (
          <section key={account.sid} aria-label={`Account ${account.friendlyName}`} className="account">
            <h3 className="account-name">
              {account.friendlyName} <code>{account.sid}</code>
            </h3>
            {rooms.length === 0 ? (
              <p className="none">No rooms.</p>
            ) : (
              rooms.map((room) => <RoomCard key={room.sid} room={room} />)
            )}
          </section>
        );
      })}
    </section>
  );
}
