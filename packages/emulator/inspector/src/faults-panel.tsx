import { ActionButton } from './action-button.js';
import { FaultForm } from './fault-form.js';
import { useInspectorData } from './inspector-context.js';
import type { Fault } from './wire-types.js';

/** A fault in words: what it matches and what it does. */
function describe(fault: Fault): string {
  if (fault.kind === 'insights')
    return `Insights summaries stall${fault.roomSid ? ` for ${fault.roomSid}` : ''}`;
  const times = fault.times === undefined ? '' : `, ${fault.times} more`;
  const rate = fault.rate === undefined ? '' : `, ${Math.round(fault.rate * 100)}% of them`;
  if (fault.kind === 'webhook') {
    const action = fault.action === 'delay' ? `delay ${fault.delayMs ?? 0} ms` : 'drop';
    return `webhook ${fault.event ?? 'any event'}: ${action}${times}${rate}`;
  }
  const effects = [
    fault.errorCode === undefined ? null : `error ${fault.errorCode}`,
    fault.latencyMs === undefined ? null : `${fault.latencyMs} ms late`,
  ].filter((effect) => effect !== null);
  return `${fault.method ?? 'any'} ${fault.path ?? '/'}…: ${effects.join(', ')}${times}${rate}`;
}

/** The active faults, a button to remove each or all, and the form to add one. */
export function FaultsPanel() {
  const { faults } = useInspectorData();
  return (
    <section aria-labelledby="faults-heading" className="panel">
      <h2 id="faults-heading">Faults</h2>
      {faults.length === 0 ? (
        <p className="none">No active faults.</p>
      ) : (
        <>
          <ul className="faults">
            {faults.map((fault) => (
              <li key={fault.id} data-fault-id={fault.id}>
                <code>{fault.id}</code> {describe(fault)}{' '}
                <ActionButton
                  label="Remove"
                  ariaLabel={`Remove fault ${fault.id}`}
                  action={(actions) => actions.removeFault(fault.id)}
                />
              </li>
            ))}
          </ul>
          <ActionButton label="Clear all faults" danger action={(actions) => actions.clearFaults()} />
        </>
      )}
      <FaultForm />
    </section>
  );
}
