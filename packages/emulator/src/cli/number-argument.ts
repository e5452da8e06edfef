import { InvalidArgumentError } from 'commander';

/**
 * A flag's number, checked only for being one (commander prints the problem, exit 2); its range is
 * the emulator's to check, so the CLI never disagrees with the control API.
 */
export function numberArgument(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('give a number');
  return value;
}
