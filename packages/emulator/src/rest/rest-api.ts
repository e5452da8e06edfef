import { consoleLogger, type Engine, isTwilioError, type Logger, TwilioError } from '@roomlab/core';
import { type EmulatorRequest, type EmulatorResponse, headerOf, jsonResponse } from '../emulator-request.js';
import type { MediaLinks } from '../media/media-links.js';
import { basicCredentials } from './basic-credentials.js';
import { compositionHookRoutes } from './composition-hook-routes.js';
import { compositionRoutes } from './composition-routes.js';
import { guideExtensionRoutes } from './guide-extension-routes.js';
import { insightsRoutes } from './insights-routes.js';
import { keyRoutes } from './key-routes.js';
import { networkQualityRoutes } from './network-quality-routes.js';
import { paramsFrom, parseForm, readBody } from './params.js';
import { recordingRoutes } from './recording-routes.js';
import {
  type CompiledRoute,
  compileRoute,
  indexRoutes,
  matchRoutes,
  type Route,
  servesHost,
  type TwilioApiHost,
} from './route.js';
import { settingsRoutes } from './settings-routes.js';
import { transcriptionRoutes } from './transcription-routes.js';
import { videoRoutes } from './video-routes.js';

export interface RestApiOptions {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Where a failure that is roomlab's own (not the client's) is reported. */
  logger?: Logger;
  /** Where `/Media` routes get their download links. */
  mediaLinks: MediaLinks;
  /** Whether a test stalled Video Insights' summarization of a room (none stalled when unset). */
  summaryStalled?(roomSid: string): boolean;
}

const onHost = (host: TwilioApiHost, routes: readonly Route[]) => routes.map((route) => ({ ...route, host }));

export const restRoutes: readonly CompiledRoute[] = [
  ...onHost('video', [
    ...videoRoutes,
    ...recordingRoutes,
    ...compositionRoutes,
    ...settingsRoutes,
    ...compositionHookRoutes,
    ...transcriptionRoutes,
  ]),
  ...guideExtensionRoutes,
  ...networkQualityRoutes,
  ...onHost('api', keyRoutes),
  ...onHost('insights', insightsRoutes),
].map(compileRoute);

const routeIndex = indexRoutes(restRoutes);

export function twilioErrorResponse(
  error: TwilioError,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return { ...jsonResponse(error.status, error.toJSON(), headers), errorCode: error.code };
}

/**
 * The answer to an error thrown while serving: Twilio's error when it is one (the client's mistake),
 * else a 20500 that says it is roomlab's bug, reported to the logger with the request it broke on.
 */
export function errorResponse(error: unknown, request: EmulatorRequest, logger: Logger): EmulatorResponse {
  if (isTwilioError(error)) return twilioErrorResponse(error);
  logger.error(`unexpected error while serving ${request.method} ${request.url.pathname}`, error);
  return twilioErrorResponse(
    new TwilioError(
      20500,
      'Internal Server Error: roomlab failed to answer this request; this is a roomlab bug',
    ),
  );
}

/**
 * `Roomlab-Extension` marks an answer Twilio would not give: a route Twilio does not have, or a JSON
 * body Twilio would refuse.
 */
function extensionHeader(route: boolean, jsonBody: boolean): Record<string, string> {
  if (route) return { 'roomlab-extension': 'route: Twilio has no such route' };
  if (jsonBody) return { 'roomlab-extension': 'json-body: Twilio takes only form-encoded parameters' };
  return {};
}

/**
 * Serves Twilio's REST routes from the engine: authenticates with HTTP Basic, parses Twilio's
 * form-encoded parameters, and answers Twilio's JSON, or Twilio's error for anything malformed.
 * Returns undefined for paths it does not own, so other handlers can take them.
 */
/** The largest request body accepted by default: 1 MiB. */
export const defaultMaxBodyBytes = 1024 * 1024;

export function createRestApi(engine: Engine, options: RestApiOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const logger = options.logger ?? consoleLogger;
  return async function handleRest(request: EmulatorRequest): Promise<EmulatorResponse> {
    const { url } = request;
    try {
      const matches = matchRoutes(routeIndex, url.pathname).filter(({ route }) => servesHost(route, url));
      if (matches.length === 0)
        throw new TwilioError(20404, `The requested resource ${url.pathname.slice(0, 256)} was not found`);
      const found = matches.find((candidate) => candidate.route.method === request.method);
      if (!found) {
        const allowed = [...new Set(matches.map((candidate) => candidate.route.method))].join(', ');
        return twilioErrorResponse(
          new TwilioError(
            20004,
            `Method not allowed: ${request.method.slice(0, 16)} is not one of ${allowed}`,
          ),
          { allow: allowed },
        );
      }
      const credentials = basicCredentials(headerOf(request, 'authorization'));
      if (!credentials) throw new TwilioError(20003, 'Authentication Error - No credentials provided');
      const accountSid = engine.authenticate({
        username: credentials.username,
        password: credentials.password,
      });
      const body =
        request.method === 'GET' || request.method === 'DELETE'
          ? { params: parseForm(url.search.slice(1)), json: false }
          : await readBody(request, maxBodyBytes, found.route.acceptsJson);
      const result = found.route.handle({
        engine,
        accountSid,
        base: url.origin,
        path: url.pathname,
        pathParams: found.pathParams,
        params: paramsFrom(body.params),
        authenticatedWith: credentials.username.startsWith('SK') ? 'api-key' : 'auth-token',
        mediaLinks: options.mediaLinks,
        summaryStalled: options.summaryStalled ?? (() => false),
      });
      const headers = {
        ...result.headers,
        ...extensionHeader(found.route.source === 'extension', body.json),
      };
      if (result.status === 204) return { status: 204, headers, body: null };
      return jsonResponse(result.status, result.body, headers);
    } catch (error) {
      return errorResponse(error, request, logger);
    }
  };
}
