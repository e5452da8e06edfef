import { TwilioError } from '@roomlab/core';

/**
 * Twilio's error dictionary has no code of its own for a malformed VideoLayout, Resolution or Format
 * (its 536xx composition codes are all for failures after creation), so a bad parameter answers the
 * generic 20001 "Invalid parameter", naming the parameter and what is wrong with it.
 */
export function invalidParameter(parameter: string, problem: string): TwilioError {
  return new TwilioError(20001, `Invalid ${parameter}: ${problem}`);
}
