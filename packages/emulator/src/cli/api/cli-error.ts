/**
 * A failure the api commands report as the twilio CLI does (its TwilioCliError): the message on standard
 * error; the exit code is the first two digits of a Twilio error code (20404 → 20), else 1; `data` is the
 * API's error body, printed instead with `-o json`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code?: number | string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  get exitCode(): number {
    return this.code === undefined ? 1 : Number.parseInt(String(this.code).slice(0, 2), 10) || 1;
  }
}
