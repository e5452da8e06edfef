import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EmulatorOptions } from './emulator.js';

const sid = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), `must be ${prefix} followed by 32 lower-case hex digits`);

/** What `roomlab start --config FILE` reads: fixed accounts and their API keys. */
export const configFileSchema = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        sid: sid('AC').optional(),
        authToken: z.string().min(1).max(256).optional(),
        friendlyName: z.string().max(64).optional(),
        apiKeys: z
          .array(
            z.strictObject({
              sid: sid('SK').optional(),
              secret: z.string().min(1).max(256).optional(),
              friendlyName: z.string().max(64).optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
  /** Declared accounts turn first-use provisioning off unless this says otherwise. */
  provisionAccountsOnFirstUse: z.boolean().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and checks a config file; throws an Error naming the file and every problem in it. */
export async function readConfigFile(
  path: string,
): Promise<Pick<EmulatorOptions, 'accounts' | 'provisionAccountsOnFirstUse'>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new Error(`config file ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
