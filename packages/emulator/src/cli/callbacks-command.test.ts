import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

/** A status-callback receiver that answers 204 and counts what it got, by event. */
let receiver: Server;
const received: string[] = [];
beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(new URLSearchParams(body).get('StatusCallbackEvent') ?? '');
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** A room whose room-created callback a fault dropped: one delivery that awaits a redelivery. */
async function droppedRoomCreated() {
  const { control, handle } = target.server().emulator;
  control.faults.add({ kind: 'webhook', action: 'drop', event: 'room-created' });
  const { accountSid, authToken } = target.server().emulator.credentials;
  const { port } = receiver.address() as AddressInfo;
  const created = await handle(
    new Request('http://roomlab.test/v1/Rooms', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `UniqueName=standup&StatusCallback=http://127.0.0.1:${port}/hooks`,
    }),
  );
  const room = (await created.json()) as { sid: string };
  control.faults.clear();
  const [delivery] = control.statusCallbacks({ roomSid: room.sid });
  if (!delivery) throw new Error('no status callback was queued');
  return { roomSid: room.sid, delivery };
}

describe('roomlab callbacks', () => {
  it('lists deliveries with their state and attempts, filtered by room and state, as a table, tsv or json', async () => {
    const { roomSid, delivery } = await droppedRoomCreated();
    const table = await target.roomlab(['callbacks']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^Id +Event +Room +State +Attempts +URL$/);
    expect(table.stdout).toMatch(
      new RegExp(`${delivery.id} +room-created +${roomSid} +dropped +0 +POST http`),
    );
    const tsv = await target.roomlab(['callbacks', '--state', 'dropped', '-o', 'tsv']);
    expect(tsv.stdout.split('\n')[1]?.split('\t').slice(0, 5)).toEqual([
      delivery.id,
      'room-created',
      roomSid,
      'dropped',
      '0',
    ]);
    const json = await target.roomlab(['callbacks', '--room-sid', roomSid, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject([{ id: delivery.id, state: 'dropped' }]);
    expect(await target.roomlab(['callbacks', '--state', 'delivered'])).toMatchObject({
      code: 0,
      stdout: 'no status callbacks\n',
    });
  });

  it('redelivers one by its Id: the receiver gets it and it shows delivered', async () => {
    const { delivery } = await droppedRoomCreated();
    const before = received.length;
    const run = await target.roomlab(['callbacks', 'redeliver', delivery.id]);
    expect(run).toMatchObject({ code: 0, stdout: 'redelivered 1 status callback\n' });
    await expect
      .poll(() => target.server().emulator.control.statusCallbacks({ roomSid: delivery.roomSid })[0]?.state)
      .toBe('delivered');
    expect(received.slice(before)).toEqual(['room-created']);
  });

  it('refuses an unknown Id, a delivered one, a bad state and an unknown subcommand, and sends nothing', async () => {
    const { delivery } = await droppedRoomCreated();
    await target.roomlab(['callbacks', 'redeliver', delivery.id]);
    await expect
      .poll(() => target.server().emulator.control.statusCallbacks({ roomSid: delivery.roomSid })[0]?.state)
      .toBe('delivered');
    const sent = received.length;
    expect(await target.roomlab(['callbacks', 'redeliver', 'nope'])).toMatchObject({
      code: 1,
      stderr: 'roomlab: Status callback nope was not found (20404)\n',
    });
    const twice = await target.roomlab(['callbacks', 'redeliver', delivery.id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/is delivered; only failed or dropped ones are redelivered \(20001\)\n$/);
    expect((await target.roomlab(['callbacks', '--state', 'lost'])).code).toBe(2);
    expect(await target.roomlab(['callbacks', 'resend'])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown command 'resend' (callbacks has redeliver)\n",
    });
    expect(received.length).toBe(sent);
  });
});
