/** What a command ends with: its exit code, and a message for standard error when it failed. */
export interface CommandResult {
  exitCode: number;
  message?: string;
}

/** A mistake in how a command was called: printed with `roomlab: `, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const succeeded: CommandResult = { exitCode: 0 };
