import { ActionButton } from './action-button.js';
import { DeliveryItem } from './delivery-item.js';
import { useInspectorData } from './inspector-context.js';

/** The status callbacks roomlab sent (or tried to), newest first. */
export function DeliveriesPanel() {
  const { deliveries } = useInspectorData();
  const undelivered = deliveries.filter(
    (delivery) => delivery.state === 'failed' || delivery.state === 'dropped',
  );
  return (
    <section aria-labelledby="deliveries-heading" className="panel">
      <h2 id="deliveries-heading">Status callbacks</h2>
      {undelivered.length > 0 && (
        <ActionButton
          label={`Redeliver all ${undelivered.length} failed`}
          action={(actions) => actions.redeliver()}
        />
      )}
      {deliveries.length === 0 ? (
        <p className="none">No status callbacks sent.</p>
      ) : (
        <ul className="deliveries">
          {[...deliveries].reverse().map((delivery) => (
            <DeliveryItem key={delivery.id} delivery={delivery} />
          ))}
        </ul>
      )}
    </section>
  );
}
