import { type ReactNode, useId, useState } from 'react';
import { controlActions } from './control-actions.js';
import { emptyFault, type FaultFields, faultInput } from './fault-input.js';
import { LabelledInput } from './labelled-input.js';
import { SubmitButton } from './submit-button.js';
import { useAction } from './use-action.js';

/** A labelled select of the form's choices. */
function Choice(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>{' '}
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.children}
      </select>
    </div>
  );
}

/** A form that adds a fault: a REST error or latency, a dropped or delayed webhook, or a stalled Insights summary. */
export function FaultForm() {
  const [fields, setFields] = useState(emptyFault);
  const action = useAction();
  const bind = (name: keyof FaultFields) => ({
    value: fields[name],
    onChange: (value: string) => setFields({ ...fields, [name]: value }),
  });
  return (
    <form
      className="fault-form"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(() => controlActions.addFault(faultInput(fields)));
      }}
    >
      <fieldset>
        <legend>Add a fault</legend>
        <Choice label="Kind" {...bind('kind')}>
          <option value="rest">REST: an error or latency</option>
          <option value="webhook">webhook: drop or delay</option>
          <option value="insights">Insights: stall summaries</option>
        </Choice>
        {fields.kind === 'rest' && (
          <>
            <Choice label="Method" {...bind('method')}>
              <option value="">any</option>
              <option>GET</option>
              <option>POST</option>
              <option>DELETE</option>
            </Choice>
            <LabelledInput label="Path starts with" placeholder="/v1/Rooms" {...bind('path')} />
            <LabelledInput label="Twilio error code" numeric placeholder="20500" {...bind('errorCode')} />
            <LabelledInput label="Latency (ms)" numeric {...bind('latencyMs')} />
          </>
        )}
        {fields.kind === 'webhook' && (
          <>
            <LabelledInput label="Event" placeholder="any, or e.g. room-ended" {...bind('event')} />
            <Choice label="Action" {...bind('action')}>
              <option value="drop">drop</option>
              <option value="delay">delay</option>
            </Choice>
            {fields.action === 'delay' && <LabelledInput label="Delay (ms)" numeric {...bind('delayMs')} />}
          </>
        )}
        {fields.kind === 'insights' ? (
          <LabelledInput label="Room SID" placeholder="every room" {...bind('roomSid')} />
        ) : (
          <LabelledInput label="Times" numeric placeholder="unlimited" {...bind('times')} />
        )}
        <SubmitButton label="Add fault" action={action} />
      </fieldset>
    </form>
  );
}
