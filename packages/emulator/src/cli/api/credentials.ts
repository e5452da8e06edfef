import { CliError } from './cli-error.js';

/** Who the api commands authenticate as: HTTP Basic `username:password`, on behalf of `accountSid`. */
export interface Credentials {
  accountSid: string;
  username: string;
  password: string;
}

const howToSet = `roomlab's api commands take credentials from environment variables, as the twilio CLI can:

# OPTION 1 (recommended)
export TWILIO_ACCOUNT_SID=the account SID that roomlab start printed
export TWILIO_API_KEY=an API key SID (roomlab start prints one)
export TWILIO_API_SECRET=the secret for the API key

# OPTION 2
export TWILIO_ACCOUNT_SID=the account SID that roomlab start printed
export TWILIO_AUTH_TOKEN=its auth token`;

/**
 * The twilio CLI's environment credentials: an API key and secret (preferred) or the auth token, each
 * with TWILIO_ACCOUNT_SID. roomlab has no profiles, so without these there is nothing to fall back to.
 */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Credentials {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET } = env;
  if (TWILIO_ACCOUNT_SID && !TWILIO_ACCOUNT_SID.startsWith('AC'))
    throw new CliError(`TWILIO_ACCOUNT_SID must start with AC, not "${TWILIO_ACCOUNT_SID}"`);
  if (TWILIO_ACCOUNT_SID && TWILIO_API_KEY && TWILIO_API_SECRET)
    return { accountSid: TWILIO_ACCOUNT_SID, username: TWILIO_API_KEY, password: TWILIO_API_SECRET };
  if (TWILIO_ACCOUNT_SID && TWILIO_AUTH_TOKEN)
    return { accountSid: TWILIO_ACCOUNT_SID, username: TWILIO_ACCOUNT_SID, password: TWILIO_AUTH_TOKEN };
  throw new CliError(`Could not find credentials.\n\n${howToSet}`);
}
