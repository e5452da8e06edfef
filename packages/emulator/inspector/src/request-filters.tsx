import type { RequestFilter } from './request-filter.js';

const methods = ['GET', 'POST', 'DELETE'];

/** The request log's filters: method, status or error code, and path text. */
export function RequestFilters(props: { filter: RequestFilter; onChange: (filter: RequestFilter) => void }) {
  const { filter, onChange } = props;
  return (
    <fieldset className="filters">
      <legend>Filter requests</legend>
      <label>
        Method{' '}
        <select
          value={filter.method}
          onChange={(event) => onChange({ ...filter, method: event.target.value })}
        >
          <option value="">any</option>
          {methods.map((method) => (
            <option key={method}>{method}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        Status or error code{' '}
        <input
          inputMode="numeric"
          size={6}
          value={filter.code}
          onChange={(event) => onChange({ ...filter, code: event.target.value })}
        />
      </label>{' '}
      <label>
        Path contains{' '}
        <input value={filter.path} onChange={(event) => onChange({ ...filter, path: event.target.value })} />
      </label>
    </fieldset>
  );
}
