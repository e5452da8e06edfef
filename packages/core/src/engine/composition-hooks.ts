import { TwilioError } from '../errors.js';
import type { CompositionHookFormat, StatusCallbackMethod } from '../resources.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRef, CompositionHookRef } from './engine-refs.js';
import { parseHttpUrl } from './http-url.js';
import { createdWithin } from './list-filter.js';
import { requireAccount } from './lookup.js';
import type { AccountRecord, CompositionHookRecord } from './records.js';

/**
 * Composition hooks: per-account templates for the compositions Twilio makes when a room with
 * recordings completes (each enabled hook makes one). An update replaces every field, as Twilio's
 * does: what it leaves out goes back to its default.
 */

/** A hook's fields as a POST gives them, VideoLayout, Resolution and Format already checked. */
export interface CompositionHookOptions {
  friendlyName: string;
  enabled?: boolean;
  videoLayout?: Record<string, unknown>;
  audioSources?: readonly string[];
  audioSourcesExcluded?: readonly string[];
  resolution?: string;
  format?: CompositionHookFormat;
  trim?: boolean;
  statusCallback?: string;
  statusCallbackMethod?: string;
}

export interface ListCompositionHooksFilter {
  enabled?: boolean;
  /** Twilio's match: whole name, not case sensitive, `*` matching any run of characters. */
  friendlyName?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

export const compositionHookLimits = { friendlyNameMaxLength: 100, sourceNameMaxLength: 128 } as const;

type HookFields = Omit<CompositionHookRecord, 'sid' | 'accountSid' | 'dateCreated' | 'dateUpdated'>;

const invalid = (name: string, reason: string) =>
  new TwilioError(20001, `Invalid parameter ${name}: ${reason}`);

function checkFriendlyName(account: AccountRecord, name: string, self?: string): void {
  if (name.trim() === '')
    throw new TwilioError(20001, 'Missing required parameter FriendlyName in the post body');
  if (name.length > compositionHookLimits.friendlyNameMaxLength)
    throw invalid(
      'FriendlyName',
      `it may have at most ${compositionHookLimits.friendlyNameMaxLength} characters`,
    );
  const taken = [...account.compositionHooks.values()].find(
    (hook) => hook.friendlyName === name && hook.sid !== self,
  );
  if (taken)
    throw invalid(
      'FriendlyName',
      `"${name}" is already the name of composition hook ${taken.sid}; it must be unique`,
    );
}

function sources(name: string, values: readonly string[] | undefined): string[] {
  for (const value of values ?? []) {
    if (value === '' || value.length > compositionHookLimits.sourceNameMaxLength)
      throw invalid(
        name,
        `each track name must have 1 to ${compositionHookLimits.sourceNameMaxLength} characters`,
      );
  }
  return [...(values ?? [])];
}

function statusCallbackOf(options: CompositionHookOptions) {
  const method = (options.statusCallbackMethod ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw invalid('StatusCallbackMethod', 'it must be GET or POST');
  const url = options.statusCallback;
  if (url !== undefined && url !== '' && !parseHttpUrl(url))
    throw invalid('StatusCallback', 'it must be an absolute http or https URL');
  return { statusCallback: url || null, statusCallbackMethod: method as StatusCallbackMethod };
}

/** Every field from a POST, with Twilio's defaults for what it leaves out. */
function hookFields(options: CompositionHookOptions): HookFields {
  const videoLayout = options.videoLayout ?? {};
  const audioSources = sources('AudioSources', options.audioSources);
  if (audioSources.length === 0 && Object.keys(videoLayout).length === 0)
    throw invalid('VideoLayout', 'a composition hook needs a VideoLayout or AudioSources (or both)');
  return {
    friendlyName: options.friendlyName,
    enabled: options.enabled ?? true,
    videoLayout: structuredClone(videoLayout),
    audioSources,
    audioSourcesExcluded: sources('AudioSourcesExcluded', options.audioSourcesExcluded),
    resolution: options.resolution ?? '640x480',
    format: options.format ?? 'webm',
    trim: options.trim ?? true,
    ...statusCallbackOf(options),
  };
}

export function createCompositionHook(
  context: EngineContext,
  ref: AccountRef,
  options: CompositionHookOptions,
): CompositionHookRecord {
  const account = requireAccount(context, ref);
  checkFriendlyName(account, options.friendlyName);
  const hook: CompositionHookRecord = {
    sid: context.newSid('HK'),
    accountSid: account.sid,
    dateCreated: context.clock.now(),
    dateUpdated: null,
    ...hookFields(options),
  };
  account.compositionHooks.set(hook.sid, hook);
  return hook;
}

export function getCompositionHook(context: EngineContext, ref: CompositionHookRef): CompositionHookRecord {
  const hook = requireAccount(context, ref).compositionHooks.get(ref.hookSid);
  if (!hook)
    throw new TwilioError(
      20404,
      `The requested resource /CompositionHooks/${ref.hookSid.slice(0, 64)} was not found`,
    );
  return hook;
}

export function updateCompositionHook(
  context: EngineContext,
  ref: CompositionHookRef,
  options: CompositionHookOptions,
): CompositionHookRecord {
  const hook = getCompositionHook(context, ref);
  checkFriendlyName(requireAccount(context, ref), options.friendlyName, hook.sid);
  Object.assign(hook, hookFields(options), { dateUpdated: context.clock.now() });
  return hook;
}

export function deleteCompositionHook(context: EngineContext, ref: CompositionHookRef): void {
  const hook = getCompositionHook(context, ref);
  requireAccount(context, ref).compositionHooks.delete(hook.sid);
}

/** Twilio's FriendlyName filter: the whole name, not case sensitive, `*` for any run of characters. */
function nameMatcher(pattern: string): RegExp {
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'is');
}

/** The account's hooks that pass the filter, newest first. */
export function listCompositionHooks(
  context: EngineContext,
  ref: AccountRef,
  filter: ListCompositionHooksFilter = {},
): CompositionHookRecord[] {
  const name = filter.friendlyName === undefined ? undefined : nameMatcher(filter.friendlyName);
  return [...requireAccount(context, ref).compositionHooks.values()]
    .filter(
      (hook) =>
        (filter.enabled === undefined || hook.enabled === filter.enabled) &&
        (name === undefined || name.test(hook.friendlyName)) &&
        createdWithin(hook, filter),
    )
    .reverse();
}
