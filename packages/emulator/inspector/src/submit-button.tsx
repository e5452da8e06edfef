import type { ActionState } from './use-action.js';

/** A form's submit button for its control API call: disabled while it runs, its failure said beside it. */
export function SubmitButton({ label, action }: { label: string; action: ActionState }) {
  return (
    <>
      <button type="submit" disabled={action.running}>
        {label}
      </button>
      <span role="status" className="problem">
        {action.problem}
      </span>
    </>
  );
}
