// The soak's load: REST clients churning rooms (and kicking participants), and scripted participants
// joining rooms and leaving them, each in a closed loop until `stopped()` says so. Every room made
// has the receiver as its StatusCallback, and its SID is added to `rooms` once it has completed.
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintAccessToken } from '@roomlab/core';
import { connectScripted } from '@roomlab/emulator';
import { send } from './http-send.mjs';

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * A REST call that must answer `expected`; anything else is counted (`failures.rest`; scripted visits
 * count theirs in `failures.visits`), and the first few are printed.
 * Its keep-alive sockets are its own (`close` ends them), so they are not counted as the server's
 * once the load has stopped.
 */
export function restClient({ url, credentials }) {
  const authorization = basic(credentials.accountSid, credentials.authToken);
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  const failures = { rest: 0, visits: 0 };
  const port = Number(new URL(url).port);
  const headers = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
  const call = async (method, path, form, expected) => {
    const body = form && new URLSearchParams(form).toString();
    const { status, text } = await send(agent, port, method, path, headers, body);
    if (status !== expected) {
      failures.rest += 1;
      if (failures.rest <= 3) console.error(`${method} ${path} answered ${status}: ${text.slice(0, 300)}`);
      return undefined;
    }
    return JSON.parse(text);
  };
  return { call, failures, close: () => agent.destroy() };
}

/** Creates a room that calls `callbackUrl`; resolves with its SID (undefined if the create failed). */
async function createRoom(rest, name, callbackUrl) {
  const form = { UniqueName: name, Type: 'group', StatusCallback: callbackUrl, StatusCallbackMethod: 'POST' };
  return (await rest.call('POST', '/v1/Rooms', form, 201))?.sid;
}

async function completeRoom(rest, sid, rooms) {
  if (await rest.call('POST', `/v1/Rooms/${sid}`, { Status: 'completed' }, 202)) rooms.add(sid);
}

/** One REST client: create a room, fetch it, list its participants and the rooms in progress, end it. */
export async function restChurn({ rest, worker, callbackUrl, rooms, stopped }) {
  for (let round = 0; !stopped(); round++) {
    const sid = await createRoom(rest, `soak-rest-${worker}-${round}`, callbackUrl);
    if (!sid) continue;
    await rest.call('GET', `/v1/Rooms/${sid}`, undefined, 200);
    await rest.call('GET', `/v1/Rooms/${sid}/Participants`, undefined, 200);
    await rest.call('GET', '/v1/Rooms?Status=in-progress&PageSize=20', undefined, 200);
    await completeRoom(rest, sid, rooms);
  }
}

/** A scripted participant's visit: it joins with a microphone, stays, and leaves or is removed. */
async function visit({ rest, server, worker, stayMs }, sid, name, removed) {
  const token = await mintAccessToken({ ...server.credentials, identity: `bot-${worker}`, room: name });
  const bot = await connectScripted(server.signalingUrl, token, {
    name,
    tracks: [{ kind: 'audio', name: 'microphone' }],
  });
  await sleep(stayMs);
  if (!removed) return bot.disconnect();
  await rest.call('POST', `/v1/Rooms/${sid}/Participants/${bot.sid}`, { Status: 'disconnected' }, 202);
  await bot.waitFor(() => bot.ended !== undefined, 15_000);
}

/**
 * One scripted participant: joins a room of its own, stays a moment, and leaves: by itself two times
 * in three, otherwise removed over REST (as an app kicks someone). Then the room is ended over REST.
 * A visit that fails is counted (and the first few printed), and the next begins.
 */
export async function scriptedChurn(options) {
  const { rest, worker, callbackUrl, rooms, stopped } = options;
  for (let round = 0; !stopped(); round++) {
    const name = `soak-bot-${worker}-${round}`;
    const sid = await createRoom(rest, name, callbackUrl);
    if (!sid) continue;
    await visit(options, sid, name, round % 3 === 2).catch((error) => {
      rest.failures.visits += 1;
      if (rest.failures.visits <= 3)
        console.error(`${name}: the scripted participant failed: ${error.message}`);
    });
    await completeRoom(rest, sid, rooms);
  }
}
