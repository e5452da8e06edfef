import { TwilioError } from '@roomlab/core';
import { invalidParameter } from './params.js';
import type { RouteContext } from './route.js';

/**
 * A parameter that takes one of Twilio's enum values: 20001 for anything else, or the resource's own
 * code where Twilio has one (53112 for a room's Status, 53209 for a participant's).
 */
export function enumParam<T extends string>(
  context: RouteContext,
  name: string,
  allowed: readonly T[],
  code: 20001 | 53112 | 53209 = 20001,
): T | undefined {
  const value = context.params.string(name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    const message = `${name} "${value.slice(0, 64)}" is not one of ${allowed.join(', ')}`;
    throw code === 20001
      ? invalidParameter(name, `"${value.slice(0, 64)}" is not one of ${allowed.join(', ')}`)
      : new TwilioError(
          code,
          `${code === 53112 ? 'Status is invalid' : 'Participant status is invalid'}: ${message}`,
        );
  }
  return value as T;
}
