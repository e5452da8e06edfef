import { useId, useState } from 'react';
import { controlActions } from './control-actions.js';
import { SubmitButton } from './submit-button.js';
import { useAction } from './use-action.js';

/**
 * Forces a participant's network quality level (what the SDKs report) or lets it be measured again.
 * The engine takes 1 to 5 (a forced 0 would read as "no network" and is not offered).
 */
export function NetworkLevelControl(props: {
  participantSid: string;
  identity: string;
  forced: number | null;
}) {
  const id = useId();
  const [choice, setChoice] = useState(props.forced === null ? '' : String(props.forced));
  const action = useAction();
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(() =>
          controlActions.forceNetworkLevel(props.participantSid, choice === '' ? null : Number(choice)),
        );
      }}
    >
      <label htmlFor={id}>Network level of {props.identity}</label>{' '}
      <select id={id} value={choice} onChange={(event) => setChoice(event.target.value)}>
        <option value="">measured (not forced)</option>
        {[1, 2, 3, 4, 5].map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </select>{' '}
      <SubmitButton label="Set level" action={action} />
    </form>
  );
}
