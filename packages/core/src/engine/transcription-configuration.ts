import { TwilioError } from '../errors.js';

/**
 * The Configuration of a room's transcriptions: a map of Twilio's documented properties, kept as
 * strings (Twilio answers `"partialResults": "true"`). An update applies its properties over the ones
 * already set. Unknown properties and values outside Twilio's tables are refused.
 */
export type TranscriptionConfiguration = Record<string, string>;

/** Twilio's transcription engines and the speech models each offers. */
export const speechModels = {
  google: [
    'telephony',
    'medical_conversation',
    'long',
    'short',
    'telephony_short',
    'medical_dictation',
    'chirp_telephony',
    'chirp',
  ],
  deepgram: ['nova-3', 'nova-3-medical', 'nova-2'],
} as const;

/** What applies where the configuration says nothing. */
export const transcriptionDefaults = {
  transcriptionEngine: 'google',
  speechModel: 'telephony',
  languageCode: 'en-US',
  partialResults: 'false',
  profanityFilter: 'true',
  enableAutomaticPunctuation: 'true',
} as const;

const booleanProperties = ['partialResults', 'profanityFilter', 'enableAutomaticPunctuation'];
const textProperties = ['transcriptionEngine', 'speechModel', 'languageCode', 'hints'];

/** BCP-47 as Twilio's examples write it (`en-US`, `EN-us`, `nl-BE`), or Deepgram's `multi`. */
export const languageTag = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$/;

const invalid = (parameter: string, reason: string) =>
  new TwilioError(20001, `Invalid parameter ${parameter}: ${reason}`);

function checkHints(parameter: string, hints: string): void {
  const entries = hints.split(',');
  if (entries.length > 500 || entries.some((entry) => entry.trim().length > 100))
    throw invalid(parameter, 'hints are at most 500 comma-separated entries of at most 100 characters');
}

/** One property's value as Twilio keeps it, or Twilio's refusal. */
function propertyValue(parameter: string, name: string, value: unknown): string {
  if (booleanProperties.includes(name)) {
    const text = String(value).toLowerCase();
    if ((typeof value === 'boolean' || typeof value === 'string') && (text === 'true' || text === 'false'))
      return text;
    throw invalid(parameter, `${name} must be true or false`);
  }
  if (!textProperties.includes(name))
    throw invalid(
      parameter,
      `"${name.slice(0, 64)}" is not one of ${[...textProperties, ...booleanProperties].join(', ')}`,
    );
  if (typeof value !== 'string' || value === '')
    throw invalid(parameter, `${name} must be a non-empty string`);
  if (name === 'languageCode' && !languageTag.test(value))
    throw invalid(parameter, `languageCode "${value.slice(0, 64)}" is not a BCP-47 language code`);
  if (name === 'hints') checkHints(parameter, value);
  return value;
}

function checkSpeechModel(parameter: string, configuration: TranscriptionConfiguration): void {
  const engine = configuration.transcriptionEngine ?? transcriptionDefaults.transcriptionEngine;
  const models: readonly string[] | undefined = speechModels[engine as keyof typeof speechModels];
  if (!models)
    throw invalid(parameter, `transcriptionEngine "${engine.slice(0, 64)}" is not one of google, deepgram`);
  const model = configuration.speechModel;
  if (model !== undefined && !models.includes(model))
    throw invalid(
      parameter,
      `speechModel "${model.slice(0, 64)}" is not one of ${engine}'s: ${models.join(', ')}`,
    );
}

/**
 * `current` with the properties of `update` (unchecked JSON) applied over it; `update` undefined
 * leaves it as it is. Throws 20001, naming `parameter`, for anything Twilio would refuse.
 */
export function applyConfiguration(
  current: TranscriptionConfiguration,
  update: unknown,
  parameter = 'Configuration',
): TranscriptionConfiguration {
  if (update === undefined) return { ...current };
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw invalid(parameter, 'it must be a JSON object');
  const next = { ...current };
  for (const [name, value] of Object.entries(update)) next[name] = propertyValue(parameter, name, value);
  checkSpeechModel(parameter, next);
  return next;
}
