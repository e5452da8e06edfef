import { useState } from 'react';
import { useInspectorData } from './inspector-context.js';
import { anyRequest, requestMatches } from './request-filter.js';
import { RequestFilters } from './request-filters.js';
import { duration, timeOfDay } from './time-format.js';

/** How many matching requests the table shows (the newest). */
const shown = 200;

/** The REST requests the emulator answered, newest first, with filters. */
export function RequestLog() {
  const { requests } = useInspectorData();
  const [filter, setFilter] = useState(anyRequest);
  const matching = requests.filter((request) => requestMatches(request, filter));
  const newest = matching.slice(-shown).reverse();
  return (
    <section aria-labelledby="requests-heading" className="panel">
      <h2 id="requests-heading">Requests</h2>
      <RequestFilters filter={filter} onChange={setFilter} />
      <p role="status">
        {matching.length} of {requests.length} requests
        {matching.length > shown ? ` (the newest ${shown} shown)` : ''}
      </p>
      <table className="requests">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Status</th>
            <th scope="col">Error</th>
            <th scope="col">Took</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          {newest.map((request) => (
            <tr key={request.id} className={request.status >= 400 ? 'failed' : undefined}>
              <td>{timeOfDay(request.at)}</td>
              <td>{request.method}</td>
              <td>
                <code>{request.path}</code>
              </td>
              <td>{request.status}</td>
              <td>{request.errorCode ?? ''}</td>
              <td>{duration(request.durationMs)}</td>
              <td className="params">
                {request.params.map(([name, value]) => `${name}=${value}`).join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
