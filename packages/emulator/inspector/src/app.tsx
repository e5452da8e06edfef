import { AccountsPanel } from './accounts-panel.js';
import { ClockPanel } from './clock-panel.js';
import { ConnectionStatus } from './connection-status.js';
import { DeliveriesPanel } from './deliveries-panel.js';
import { FaultsPanel } from './faults-panel.js';
import { MediaPanel } from './media-panel.js';
import { RequestLog } from './request-log.js';

const sections = [
  ['rooms-heading', 'Rooms'],
  ['media-heading', 'Recordings'],
  ['deliveries-heading', 'Status callbacks'],
  ['requests-heading', 'Requests'],
  ['faults-heading', 'Faults'],
  ['clock-heading', 'Clock'],
] as const;

/** The inspector: a header that says whether it is live, links to each section, and the sections. */
export function App() {
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <h1>roomlab inspector</h1>
        <ConnectionStatus />
        <nav aria-label="Sections">
          <ul>
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        <div className="side">
          <ClockPanel />
          <FaultsPanel />
        </div>
        <AccountsPanel />
        <MediaPanel />
        <DeliveriesPanel />
        <RequestLog />
      </main>
    </>
  );
}
