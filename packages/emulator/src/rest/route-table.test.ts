import { apiKeyOperations, checkResponse, videoOperations } from '@roomlab/core/conformance';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator.js';
import { pendingRoutes } from './pending-routes.js';
import { restRoutes } from './rest-api.js';

describe('the route table', () => {
  it("serves every operation of Twilio's Video v1 and API Keys specs, each once, with the spec's method and path", () => {
    const served = restRoutes
      .filter((route) => route.source === undefined)
      .map((route) => `${route.operationId} ${route.method} ${route.template}`)
      .sort();
    const specified = [...videoOperations, ...apiKeyOperations].map(
      (op) => `${op.operationId} ${op.method} ${op.path}`,
    );
    expect(served).toEqual(specified.sort());
    expect(served).toHaveLength(39 + 5);
  });

  const emulator = createEmulator({ sids: { seed: 'routes' } });
  const { accountSid, authToken } = emulator.credentials;
  const roomSid = emulator.engine.createRoom({ accountSid }, { uniqueName: 'routes' }).sid;
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;

  // Until recordings, compositions and transcriptions land, their routes answer truthfully: nothing
  // recorded yet (empty lists, 20404 for any SID) and 503/20503 for what would start one.
  it.each(pendingRoutes)('$operationId answers as Twilio would with nothing recorded', async (route) => {
    const path = route.template
      .replace('{RoomSid}', roomSid)
      .replace('{Sid}', 'RT00000000000000000000000000000000')
      .replace('{Ttid}', 'TT00000000000000000000000000000000');
    const url = `https://video.twilio.com${path}`;
    const response = await emulator.handle(
      new Request(url, {
        method: route.method,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: route.method === 'POST' ? 'Status=stopped' : undefined,
      }),
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(checkResponse({ method: route.method, url, status: response.status, body })).toEqual([]);
    const isList =
      route.method === 'GET' && !route.template.endsWith('}') && !route.template.endsWith('Default');
    if (isList) {
      expect(response.status).toBe(200);
      expect(Object.values(body).find(Array.isArray)).toEqual([]);
    } else if (route.template.endsWith('}')) {
      expect([response.status, body.code]).toEqual([404, 20404]);
    } else {
      expect([response.status, body.code]).toEqual([503, 20503]);
      expect(body.message).toMatch(/not emulated by roomlab yet/);
    }
  });
});
