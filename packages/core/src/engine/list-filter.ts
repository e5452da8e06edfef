/**
 * Whether a record belongs in a Twilio list: its Status matches, and it was created within
 * DateCreatedAfter (inclusive) and DateCreatedBefore (exclusive).
 */
export function inList<Status>(
  record: { status: Status; dateCreated: number },
  filter: { status: Status; dateCreatedAfter?: number; dateCreatedBefore?: number },
): boolean {
  return (
    record.status === filter.status &&
    (filter.dateCreatedAfter === undefined || record.dateCreated >= filter.dateCreatedAfter) &&
    (filter.dateCreatedBefore === undefined || record.dateCreated < filter.dateCreatedBefore)
  );
}

/** Whether a record was created within DateCreatedAfter (inclusive) and DateCreatedBefore (exclusive). */
export function createdWithin(
  record: { dateCreated: number },
  filter: { dateCreatedAfter?: number; dateCreatedBefore?: number },
): boolean {
  return (
    (filter.dateCreatedAfter === undefined || record.dateCreated >= filter.dateCreatedAfter) &&
    (filter.dateCreatedBefore === undefined || record.dateCreated < filter.dateCreatedBefore)
  );
}
