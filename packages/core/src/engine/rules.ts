import { TwilioError } from '../errors.js';

/**
 * Subscribe rules (per participant) and recording rules (per room) share one grammar: a rule has a
 * `type` and either `all: true` or any of `publisher`, `track`, `kind` (and `priority` for subscribe
 * rules). Publisher matches an identity or a PA SID, track a track name or an MT SID.
 */
export interface TrackRule {
  readonly type: 'include' | 'exclude';
  readonly all?: true;
  readonly publisher?: string;
  readonly track?: string;
  readonly kind?: 'audio' | 'video' | 'data';
  readonly priority?: 'low' | 'standard' | 'high';
}

export type RuleSet = 'subscribe' | 'recording';

const maxRules = 20;

/** Checks rules as Twilio does, answering 53215 (subscribe) or 53120 (recording) with the reason. */
export function parseRules(input: unknown, set: RuleSet): TrackRule[] {
  const code = set === 'subscribe' ? 53215 : 53120;
  const fail = (reason: string): never => {
    throw new TwilioError(
      code,
      `${set === 'subscribe' ? 'Invalid Subscribe Rule(s)' : 'Invalid Recording Rule(s)'}: ${reason}`,
    );
  };
  if (!Array.isArray(input)) fail('Rules must be a JSON array of rule objects');
  const list = input as unknown[];
  if (list.length === 0) fail('an empty set of rules is not allowed');
  if (list.length > maxRules) fail(`at most ${maxRules} rules are allowed`);
  const kinds = set === 'subscribe' ? ['audio', 'video', 'data'] : ['audio', 'video'];
  const keys =
    set === 'subscribe'
      ? ['type', 'all', 'publisher', 'track', 'kind', 'priority']
      : ['type', 'all', 'publisher', 'track', 'kind'];
  return list.map((raw, index) => {
    const where = `rule ${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`${where} is not an object`);
    const rule = raw as Record<string, unknown>;
    const present = Object.keys(rule).filter((key) => rule[key] !== null && rule[key] !== undefined);
    const unknown = present.find((key) => !keys.includes(key));
    if (unknown) fail(`${where} has an unknown field "${unknown}"`);
    if (rule.type !== 'include' && rule.type !== 'exclude')
      fail(`${where} needs a type of "include" or "exclude"`);
    const filters = present.filter((key) => key !== 'type' && key !== 'priority');
    if (filters.length === 0) fail(`${where} needs one of all, publisher, track or kind`);
    if (present.includes('all')) {
      // Twilio takes the string "true" too: twilio-video.js's own suite sends `"all": "true"`.
      if (rule.all !== true && rule.all !== 'true') fail(`${where}: all must be true`);
      if (filters.length > 1) fail(`${where}: a rule with all may have no other filter`);
    }
    for (const key of ['publisher', 'track'] as const) {
      if (
        present.includes(key) &&
        (typeof rule[key] !== 'string' ||
          (rule[key] as string).length === 0 ||
          (rule[key] as string).length > 256)
      ) {
        fail(`${where}: ${key} must be a non-empty string`);
      }
    }
    if (present.includes('kind') && !kinds.includes(rule.kind as string))
      fail(`${where}: kind must be one of ${kinds.join(', ')}`);
    if (present.includes('priority') && !['low', 'standard', 'high'].includes(rule.priority as string)) {
      fail(`${where}: priority must be one of low, standard, high`);
    }
    const parsed: { -readonly [K in keyof TrackRule]: TrackRule[K] } = {
      type: rule.type as TrackRule['type'],
    };
    if (present.includes('all')) parsed.all = true;
    if (present.includes('publisher')) parsed.publisher = rule.publisher as string;
    if (present.includes('track')) parsed.track = rule.track as string;
    if (present.includes('kind')) parsed.kind = rule.kind as TrackRule['kind'];
    if (present.includes('priority')) parsed.priority = rule.priority as TrackRule['priority'];
    return parsed;
  });
}

export interface RuleTarget {
  readonly publisherSid: string;
  readonly publisherIdentity: string;
  readonly trackSid: string;
  readonly trackName: string;
  readonly kind: 'audio' | 'video' | 'data';
}

function matches(rule: TrackRule, target: RuleTarget): boolean {
  if (rule.all) return true;
  if (
    rule.publisher !== undefined &&
    rule.publisher !== target.publisherSid &&
    rule.publisher !== target.publisherIdentity
  ) {
    return false;
  }
  if (rule.track !== undefined && rule.track !== target.trackSid && rule.track !== target.trackName)
    return false;
  if (rule.kind !== undefined && rule.kind !== target.kind) return false;
  return true;
}

/** Twilio's semantics: a track is selected when some include rule matches it and no exclude rule does. */
export function rulesSelect(rules: readonly TrackRule[], target: RuleTarget): boolean {
  let included = false;
  for (const rule of rules) {
    if (!matches(rule, target)) continue;
    if (rule.type === 'exclude') return false;
    included = true;
  }
  return included;
}
