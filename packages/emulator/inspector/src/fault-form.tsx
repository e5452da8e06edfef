import { type ReactNode, useId, useState } from 'react';
import { controlActions } from './control-actions.js';
import { emptyFault, type FaultFields, faultInput } from './fault-input.js';
import { useAction } from './use-action.js';

/** A labelled field: the label names the control `children` makes with the id it is given. */
function Field(props: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label> {props.children(id)}
    </div>
  );
}

/** A form that adds a fault: a REST error or latency, a dropped or delayed webhook, or a stalled Insights summary. */
export function FaultForm() {
  const [fields, setFields] = useState(emptyFault);
  const { running, problem, run } = useAction();
  const set = (name: keyof FaultFields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });
  return (
    <form
      className="fault-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => controlActions.addFault(faultInput(fields)));
      }}
    >
      <fieldset>
        <legend>Add a fault</legend>
        <Field label="Kind">
          {(id) => (
            <select id={id} value={fields.kind} onChange={set('kind')}>
              <option value="rest">REST: an error or latency</option>
              <option value="webhook">webhook: drop or delay</option>
              <option value="insights">Insights: stall summaries</option>
            </select>
          )}
        </Field>
        {fields.kind === 'rest' && (
          <>
            <Field label="Method">
              {(id) => (
                <select id={id} value={fields.method} onChange={set('method')}>
                  <option value="">any</option>
                  <option>GET</option>
                  <option>POST</option>
                  <option>DELETE</option>
                </select>
              )}
            </Field>
            <Field label="Path starts with">
              {(id) => <input id={id} value={fields.path} onChange={set('path')} placeholder="/v1/Rooms" />}
            </Field>
            <Field label="Twilio error code">
              {(id) => (
                <input
                  id={id}
                  inputMode="numeric"
                  value={fields.errorCode}
                  onChange={set('errorCode')}
                  placeholder="20500"
                />
              )}
            </Field>
            <Field label="Latency (ms)">
              {(id) => (
                <input id={id} inputMode="numeric" value={fields.latencyMs} onChange={set('latencyMs')} />
              )}
            </Field>
          </>
        )}
        {fields.kind === 'webhook' && (
          <>
            <Field label="Event">
              {(id) => (
                <input
                  id={id}
                  value={fields.event}
                  onChange={set('event')}
                  placeholder="any, or e.g. room-ended"
                />
              )}
            </Field>
            <Field label="Action">
              {(id) => (
                <select id={id} value={fields.action} onChange={set('action')}>
                  <option value="drop">drop</option>
                  <option value="delay">delay</option>
                </select>
              )}
            </Field>
            {fields.action === 'delay' && (
              <Field label="Delay (ms)">
                {(id) => (
                  <input id={id} inputMode="numeric" value={fields.delayMs} onChange={set('delayMs')} />
                )}
              </Field>
            )}
          </>
        )}
        {fields.kind === 'insights' ? (
          <Field label="Room SID">
            {(id) => (
              <input id={id} value={fields.roomSid} onChange={set('roomSid')} placeholder="every room" />
            )}
          </Field>
        ) : (
          <Field label="Times">
            {(id) => (
              <input
                id={id}
                inputMode="numeric"
                value={fields.times}
                onChange={set('times')}
                placeholder="unlimited"
              />
            )}
          </Field>
        )}
        <button type="submit" disabled={running}>
          Add fault
        </button>
        <span role="status" className="problem">
          {problem}
        </span>
      </fieldset>
    </form>
  );
}
