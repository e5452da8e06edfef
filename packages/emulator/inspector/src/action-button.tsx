import { controlActions } from './control-actions.js';
import { useAction } from './use-action.js';

/**
 * A button that makes one control API call: disabled while it runs, its failure (Twilio's error
 * message) said next to it in a status region that screen readers announce.
 */
export function ActionButton(props: {
  label: string;
  /** A longer accessible name when the visible label needs its context (e.g. which room). */
  ariaLabel?: string;
  action: (actions: typeof controlActions) => Promise<unknown>;
  danger?: boolean;
}) {
  const { running, problem, run } = useAction();
  return (
    <span className="action">
      <button
        type="button"
        className={props.danger ? 'danger' : undefined}
        aria-label={props.ariaLabel}
        disabled={running}
        onClick={() => run(() => props.action(controlActions))}
      >
        {props.label}
      </button>
      <span role="status" className="problem">
        {problem}
      </span>
    </span>
  );
}
