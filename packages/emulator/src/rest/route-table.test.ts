import { apiKeyOperations, insightsVideoOperations, videoOperations } from '@roomlab/core/conformance';
import { describe, expect, it } from 'vitest';
import { restRoutes } from './rest-api.js';

describe('the route table', () => {
  it("serves every operation of Twilio's Video v1, Insights video and API Keys specs, each once, with the spec's method and path", () => {
    const served = restRoutes
      .filter((route) => route.source === undefined)
      .map((route) => `${route.operationId} ${route.method} ${route.template}`)
      .sort();
    const specified = [...videoOperations, ...insightsVideoOperations, ...apiKeyOperations].map(
      (op) => `${op.operationId} ${op.method} ${op.path}`,
    );
    expect(served).toEqual(specified.sort());
    expect(served).toHaveLength(39 + 4 + 5);
  });

  it('serves, beside the spec, only the /Media redirects Twilio documents and the marked extensions', () => {
    const beside = restRoutes
      .filter((route) => route.source !== undefined)
      .map((route) => `${route.source} ${route.method} ${route.template}`);
    expect(beside.sort()).toEqual([
      'docs GET /v1/Compositions/{Sid}/Media',
      'docs GET /v1/Recordings/{Sid}/Media',
      'docs GET /v1/Rooms/{RoomSid}/Recordings/{Sid}/Media',
      'extension GET /v1/Video/Rooms/{RoomSid}/Participants/{ParticipantSid}/NetworkQuality',
      'extension POST /v1/Video/Profiles',
      'extension POST /v1/Video/Rooms/{RoomSid}/Recordings',
    ]);
  });
});
