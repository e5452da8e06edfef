import { expect } from 'vitest';

/** What the `twilio` client's RestException carries. */
export interface RestErrorShape {
  status: number;
  code: number;
  message?: string | RegExp;
}

/** Asserts that a `twilio` client call fails with Twilio's error of this status and code. */
export async function expectRestError(call: Promise<unknown>, expected: RestErrorShape): Promise<void> {
  const error = (await call.then(
    () => undefined,
    (failure: unknown) => failure,
  )) as { status?: number; code?: number; message?: string; moreInfo?: string } | undefined;
  expect(error, 'the call succeeded, but it should have failed').toBeDefined();
  expect({ status: error?.status, code: error?.code }).toEqual({
    status: expected.status,
    code: expected.code,
  });
  expect(error?.moreInfo).toBe(`https://www.twilio.com/docs/errors/${expected.code}`);
  if (expected.message !== undefined) expect(error?.message).toMatch(expected.message);
}
