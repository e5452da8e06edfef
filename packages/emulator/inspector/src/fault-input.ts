/** The fault form's fields, as text ('' for not given). */
export interface FaultFields {
  kind: 'rest' | 'webhook' | 'insights';
  method: string;
  path: string;
  errorCode: string;
  latencyMs: string;
  times: string;
  event: string;
  action: 'drop' | 'delay';
  delayMs: string;
  roomSid: string;
}

export const emptyFault: FaultFields = {
  kind: 'rest',
  method: '',
  path: '',
  errorCode: '',
  latencyMs: '',
  times: '',
  event: '',
  action: 'drop',
  delayMs: '',
  roomSid: '',
};

const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
/** A number field; what is not a number is sent as it is, for the emulator to name in its 20001. */
const number = (value: string) => {
  const given = text(value);
  return given === undefined ? undefined : Number.isNaN(Number(given)) ? given : Number(given);
};

/**
 * What `POST /_roomlab/faults` is sent for the form's fields: only those of the kind, only those given.
 * The emulator checks it (and names a bad field in its 20001), as it does for any client.
 */
export function faultInput(fields: FaultFields): Record<string, unknown> {
  const input: Record<string, unknown> =
    fields.kind === 'webhook'
      ? {
          kind: 'webhook',
          event: text(fields.event),
          action: fields.action,
          delayMs: fields.action === 'delay' ? number(fields.delayMs) : undefined,
          times: number(fields.times),
        }
      : fields.kind === 'insights'
        ? { kind: 'insights', action: 'stall', roomSid: text(fields.roomSid) }
        : {
            kind: 'rest',
            method: text(fields.method),
            path: text(fields.path),
            errorCode: number(fields.errorCode),
            latencyMs: number(fields.latencyMs),
            times: number(fields.times),
          };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
