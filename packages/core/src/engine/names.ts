import { TwilioError } from '../errors.js';

/** What Twilio accepts as a participant's identity and a track's name. */

const identityMaxLength = 128;
const trackNameMaxLength = 128;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function validateIdentity(identity: string): void {
  if (typeof identity !== 'string' || identity.length === 0)
    throw new TwilioError(53200, 'Participant identity is invalid: it must not be empty');
  if (identity.length > identityMaxLength)
    throw new TwilioError(
      53201,
      `Participant identity is too long: it may have at most ${identityMaxLength} characters`,
    );
  if (controlCharacters.test(identity))
    throw new TwilioError(53202, 'Participant identity contains invalid characters');
}

export function validateTrackName(name: string): void {
  if (name.length === 0) throw new TwilioError(53301, 'Track name is invalid: it must not be empty');
  if (name.length > trackNameMaxLength)
    throw new TwilioError(
      53302,
      `Track name is too long: it may have at most ${trackNameMaxLength} characters`,
    );
  if (controlCharacters.test(name)) throw new TwilioError(53303, 'Track name contains invalid characters');
}
