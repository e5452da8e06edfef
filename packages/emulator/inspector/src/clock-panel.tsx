import { useState } from 'react';
import { controlActions } from './control-actions.js';
import { useInspectorData } from './inspector-context.js';
import { SubmitButton } from './submit-button.js';
import { useAction } from './use-action.js';

/** The emulator's clock as of the last change the page saw, and a form to move it forward (timeouts fire, tokens expire, as if time passed). */
export function ClockPanel() {
  const { clock } = useInspectorData();
  const [seconds, setSeconds] = useState('60');
  const action = useAction();
  return (
    <section aria-labelledby="clock-heading" className="panel">
      <h2 id="clock-heading">Clock</h2>
      <p>
        Emulator time (at the last change): <time id="clock-now">{clock ? clock.iso : 'unknown'}</time>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(() => controlActions.advanceClock(Number(seconds)));
        }}
      >
        <label>
          Seconds to advance{' '}
          <input
            id="advance-seconds"
            type="number"
            min="0"
            step="any"
            required
            value={seconds}
            onChange={(event) => setSeconds(event.target.value)}
          />
        </label>{' '}
        <SubmitButton label="Advance clock" action={action} />
      </form>
    </section>
  );
}
