import { describe, expect, it } from 'vitest';
import { checkResponse } from './check-response.js';
import { apiKeyOperations, findOperation, insightsVideoOperations, videoOperations } from './operations.js';
import { specDocuments } from './spec-documents.js';

type Examples = Record<string, { value: unknown }>;

/** Every example Twilio ships in the spec, with the request it answers. */
function specExamples() {
  const found: { name: string; method: string; url: string; status: number; body: unknown }[] = [];
  for (const operation of [...videoOperations, ...insightsVideoOperations, ...apiKeyOperations]) {
    const document = operation.server.includes('insights')
      ? specDocuments.insights
      : operation.server.includes('api.')
        ? specDocuments.api
        : specDocuments.video;
    const item = document.paths[operation.path] as Record<
      string,
      { responses: Record<string, { content?: Record<string, { examples?: Examples }> }> }
    >;
    const responses = item[operation.method.toLowerCase()]?.responses ?? {};
    for (const [status, response] of Object.entries(responses)) {
      for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
        const url =
          operation.server + operation.path.replace(/\{[^}]+\}/g, 'XXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
        found.push({
          name: `${operation.operationId} ${name}`,
          method: operation.method,
          url,
          status: Number(status),
          body: example.value,
        });
      }
    }
  }
  return found;
}

const roomExample = () =>
  structuredClone(specExamples().find((example) => example.name === 'CreateRoom create')?.body) as Record<
    string,
    unknown
  >;

describe('checkResponse', () => {
  it('reads all 39 Video operations and the 4 Insights video summary operations from the spec', () => {
    expect(videoOperations).toHaveLength(39);
    expect(insightsVideoOperations.map((operation) => operation.operationId).sort()).toEqual([
      'FetchVideoParticipantSummary',
      'FetchVideoRoomSummary',
      'ListVideoParticipantSummary',
      'ListVideoRoomSummary',
    ]);
  });

  it('reads the 5 API Key operations of api.twilio.com', () => {
    expect(apiKeyOperations.map((operation) => operation.operationId).sort()).toEqual([
      'CreateNewKey',
      'DeleteKey',
      'FetchKey',
      'ListKey',
      'UpdateKey',
    ]);
    expect(
      findOperation('GET', `https://api.twilio.com/2010-04-01/Accounts/AC${'a'.repeat(32)}/Keys.json`)
        ?.operationId,
    ).toBe('ListKey');
    expect(
      findOperation('GET', `https://api.twilio.com/2010-04-01/Accounts/AC${'a'.repeat(32)}/Keys/SK1.json`)
        ?.operationId,
    ).toBe('FetchKey');
  });

  it('finds the operation of a request by method and path, ignoring the query', () => {
    expect(
      findOperation('GET', 'http://127.0.0.1:4000/v1/Rooms/RMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')?.operationId,
    ).toBe('FetchRoom');
    expect(findOperation('post', 'https://video.twilio.com/v1/Rooms?x=1')?.operationId).toBe('CreateRoom');
    expect(findOperation('DELETE', 'https://video.twilio.com/v1/Rooms')).toBeUndefined();
  });

  // The recording examples write `codec: "opus"` against the spec's own upper-case enum; Twilio's spec
  // disagrees with itself there, so those three are expected to fail until the recordings issue decides.
  const examples = specExamples();
  it.each(examples.filter((example) => !/Recording (fetch|readResults)$/.test(example.name)))(
    "accepts Twilio's own example $name",
    (example) => {
      expect(checkResponse(example)).toEqual([]);
    },
  );

  it('rejects a resource with a field missing, an extra field, a wrong type, or an unknown enum value', () => {
    const url = 'https://video.twilio.com/v1/Rooms';
    const missing = roomExample();
    delete missing.max_participants;
    expect(checkResponse({ method: 'POST', url, status: 201, body: missing })).toEqual([
      "CreateRoom: (body) must have required property 'max_participants'",
    ]);
    expect(
      checkResponse({ method: 'POST', url, status: 201, body: { ...roomExample(), roomlab: true } }),
    ).toEqual(['CreateRoom: (body) must NOT have additional properties (roomlab)']);
    expect(
      checkResponse({ method: 'POST', url, status: 201, body: { ...roomExample(), duration: '5' } }),
    ).toEqual(['CreateRoom: /duration must be integer,null']);
    expect(
      checkResponse({ method: 'POST', url, status: 201, body: { ...roomExample(), status: 'open' } }),
    ).toEqual(['CreateRoom: /status must be equal to one of the allowed values']);
  });

  it('rejects a status the spec does not list for the operation', () => {
    expect(
      checkResponse({
        method: 'POST',
        url: 'https://video.twilio.com/v1/Rooms',
        status: 200,
        body: roomExample(),
      }),
    ).toEqual(['CreateRoom answers 201 in the spec, not 200']);
  });

  it('holds errors to Twilio error JSON with a status matching the HTTP status', () => {
    const error = {
      code: 20404,
      message: 'The requested resource was not found',
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    };
    expect(
      checkResponse({
        method: 'GET',
        url: 'https://video.twilio.com/v1/Rooms/RMx',
        status: 404,
        body: error,
      }),
    ).toEqual([]);
    expect(
      checkResponse({
        method: 'GET',
        url: 'https://video.twilio.com/v1/Rooms/RMx',
        status: 400,
        body: error,
      }),
    ).toEqual(['error body status 404 differs from HTTP status 400']);
    expect(
      checkResponse({
        method: 'GET',
        url: 'https://video.twilio.com/v1/Rooms/RMx',
        status: 404,
        body: { message: 'nope' },
      }),
    ).toEqual([
      "(body) must have required property 'code'",
      "(body) must have required property 'more_info'",
      "(body) must have required property 'status'",
      'error body status undefined differs from HTTP status 404',
    ]);
  });

  it('requires an empty body where the spec answers 204', () => {
    const url = 'https://video.twilio.com/v1/Compositions/CJaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(checkResponse({ method: 'DELETE', url, status: 204, body: undefined })).toEqual([]);
    expect(checkResponse({ method: 'DELETE', url, status: 204, body: {} })).toEqual([
      'DeleteComposition 204 must have an empty body',
    ]);
  });

  it('takes null for an enum field marked nullable beside its $ref (Insights), but not for one unmarked (Video)', () => {
    const summary = specExamples().find((example) => example.name === 'FetchVideoRoomSummary fetch');
    if (!summary) throw new Error('the spec has no FetchVideoRoomSummary example');
    const body = { ...(summary.body as Record<string, unknown>), end_reason: null, edge_location: null };
    expect(checkResponse({ ...summary, body })).toEqual([]);
    const wrong = { ...(summary.body as Record<string, unknown>), end_reason: 'hung_up' };
    expect(checkResponse({ ...summary, body: wrong })).not.toEqual([]);
    const url = 'https://video.twilio.com/v1/Rooms';
    const room = { ...roomExample(), status: null };
    expect(checkResponse({ method: 'POST', url, status: 201, body: room })).not.toEqual([]);
  });
});
