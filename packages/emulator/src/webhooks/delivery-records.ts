import { type Logger, ringBuffer } from '@roomlab/core';
import type { Delivery } from './status-callback-delivery.js';

/** How many delivered callbacks the record keeps by default: the newest, in a ring buffer. */
export const defaultDeliveryLogCapacity = 10_000;
/** How many failed (or dropped) callbacks wait for a redelivery by default. */
export const defaultFailedDeliveryCapacity = 10_000;

export interface DeliveryRecordsOptions {
  /** Delivered callbacks kept, the newest first to stay. */
  capacity?: number;
  /** Failed and dropped callbacks kept until redelivered or cleared. */
  failedCapacity?: number;
  /** Told when a failed callback is forgotten before it was redelivered. */
  logger: Logger;
}

/**
 * The record of status callbacks. Delivered ones are kept in a ring buffer (newer ones push older out);
 * failed and dropped ones apart, until redelivered or cleared, so that a burst of successes never evicts
 * one still owed to its receiver. Those have their own cap: past it the oldest is forgotten, and said so.
 * Pending ones are kept while their delivery is under way (their room's queue holds them anyway).
 */
export function deliveryRecords(options: DeliveryRecordsOptions) {
  const delivered = ringBuffer<Delivery>(options.capacity ?? defaultDeliveryLogCapacity);
  const failedCapacity = options.failedCapacity ?? defaultFailedDeliveryCapacity;
  if (!Number.isInteger(failedCapacity) || failedCapacity < 1)
    throw new RangeError(`failedCapacity must be a whole number of at least 1, not ${failedCapacity}`);
  const pending = new Set<Delivery>();
  const failed = new Set<Delivery>();
  /** The order deliveries were queued in, to list them oldest first whichever set they are in. */
  const queued = new WeakMap<Delivery, number>();
  let count = 0;

  const forgetOldestFailed = () => {
    const [oldest] = failed;
    if (!oldest) return;
    failed.delete(oldest);
    options.logger.warn(
      `status callback ${oldest.event} of room ${oldest.roomSid} (${oldest.state}, to ${oldest.url}) is forgotten: ` +
        `more than ${failedCapacity} await a redelivery (POST /_roomlab/status-callbacks/redeliver); ` +
        'statusCallbacks: { failedCapacity } keeps more',
    );
  };

  return {
    /** A delivery queued for the first time. */
    queue(delivery: Delivery) {
      queued.set(delivery, count++);
      pending.add(delivery);
    },
    /** A delivery that has finished, in its final state. */
    finish(delivery: Delivery) {
      pending.delete(delivery);
      if (delivery.state === 'delivered') return delivered.push(delivery);
      failed.add(delivery);
      if (failed.size > failedCapacity) forgetOldestFailed();
    },
    /** Takes failed and dropped deliveries (those `matches` picks) back to pending, oldest first. */
    requeue(matches: (delivery: Delivery) => boolean): Delivery[] {
      const again = [...failed].filter(matches).sort((a, b) => (queued.get(a) ?? 0) - (queued.get(b) ?? 0));
      for (const delivery of again) {
        failed.delete(delivery);
        pending.add(delivery);
      }
      return again;
    },
    /** Everything kept, oldest first. */
    all(): Delivery[] {
      return [...delivered.items(), ...failed, ...pending].sort(
        (a, b) => (queued.get(a) ?? 0) - (queued.get(b) ?? 0),
      );
    },
    /** Forgets finished deliveries, delivered or not; those under way stay. */
    clear() {
      delivered.clear();
      failed.clear();
    },
  };
}

export type DeliveryRecords = ReturnType<typeof deliveryRecords>;
