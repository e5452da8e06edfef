// Section 6: memory. The `roomlab` server process (the built CLI, `start --port 0 --no-proxy`) before and
// after seeding 10,000 rooms with 5 participants each, 2 tracks each (50,000 participants, 100,000
// tracks) through the control API (`POST /_roomlab/seed`, one request per account of 1,000 rooms).
// The reference, in the same run: a bare Node process holding the same data as plain JSON objects in a
// Map (a room with its SIDs, names, times and status; its participants; their tracks), built from the
// same fixtures. Each process runs with --expose-gc and reports `process.memoryUsage()` after a full
// collection, over IPC, so the figures are what stays, not garbage not yet collected.
//
//   node bench/memory.mjs [--quick]      (needs a built emulator: npm run build)
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { machine, num, table } from './report.mjs';

const self = fileURLToPath(import.meta.url);
const cliPath = fileURLToPath(new URL('../packages/emulator/dist/cli.js', import.meta.url));
const roomsPerAccount = 1000; // the seed fixture's most rooms per account
const participantsPerRoom = 5;
const tracksPerParticipant = 2;
const mb = (bytes) => bytes / 1e6;

/** One account's fixture: `rooms` rooms, each with its participants and their audio and video tracks. */
export function accountFixture(account, rooms) {
  return {
    rooms: Array.from({ length: rooms }, (_, room) => ({
      uniqueName: `room-${account}-${room}`,
      participants: Array.from({ length: participantsPerRoom }, (_, participant) => ({
        identity: `user-${account}-${room}-${participant}`,
        tracks: [{ kind: 'audio' }, { kind: 'video' }].slice(0, tracksPerParticipant),
      })),
    })),
  };
}

/** What a process reports when asked: its memory after a full garbage collection. */
function answerMeasures() {
  process.on('message', (message) => {
    if (message !== 'measure') return;
    globalThis.gc();
    globalThis.gc();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send({ rss, heapUsed, heapTotal, external });
  });
}

// ---- the child processes -----------------------------------------------------------------------------

/** The measured process: roomlab's CLI, as a user starts it. */
async function serve() {
  answerMeasures();
  const { main } = await import(cliPath);
  await main(['start', '--port', '0', '--no-proxy']);
}

/** The reference process: the same rooms as plain objects in a Map, built as the seed request arrives. */
function holdPlainObjects() {
  answerMeasures();
  const rooms = new Map();
  let counter = 0;
  const sid = (prefix) => `${prefix}${(counter++).toString(16).padStart(32, '0')}`;
  process.on('message', (message) => {
    if (message?.seed === undefined) return;
    const { account, fixture } = message.seed;
    const accountSid = sid('AC');
    const now = Date.now();
    for (const seeded of fixture.rooms) {
      const roomSid = sid('RM');
      const participants = seeded.participants.map((participant) => {
        const participantSid = sid('PA');
        return {
          sid: participantSid,
          identity: participant.identity,
          status: 'connected',
          dateCreated: now,
          startTime: now,
          endTime: null,
          tracks: participant.tracks.map((track) => ({
            sid: sid('MT'),
            participantSid,
            name: `${track.kind}-${counter}`,
            kind: track.kind,
            enabled: true,
            dateCreated: now,
          })),
        };
      });
      rooms.set(roomSid, {
        sid: roomSid,
        accountSid,
        uniqueName: seeded.uniqueName,
        status: 'in-progress',
        type: 'group',
        dateCreated: now,
        endTime: null,
        maxParticipants: 50,
        participants,
      });
    }
    process.send({ seeded: account });
  });
}

// ---- the parent --------------------------------------------------------------------------------------

function start(mode) {
  const child = fork(self, [mode], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const reply = (test) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (!test(message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`the ${mode} process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    child,
    measure: () => {
      child.send('measure');
      return reply((message) => message?.rss !== undefined);
    },
    reply,
  };
}

/** The URL the CLI prints once it listens; the rest of its output is read and dropped. */
function listeningUrl(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const found = /roomlab listening on (\S+)/.exec(output);
      if (!found) return;
      child.off('exit', onExit);
      resolve(found[1]);
    };
    const onExit = (code) => reject(new Error(`roomlab exited (${code}) before listening:\n${output}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

async function seedRoomlab(url, accounts) {
  for (let account = 0; account < accounts; account++) {
    const response = await fetch(`${url}/_roomlab/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: [accountFixture(account, roomsPerAccount)] }),
    });
    if (!response.ok) throw new Error(`seed answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}

async function seedReference(reference, accounts) {
  for (let account = 0; account < accounts; account++) {
    reference.child.send({ seed: { account, fixture: accountFixture(account, roomsPerAccount) } });
    await reference.reply((message) => message?.seeded === account);
  }
}

async function measureSeeding(mode, seed) {
  const measured = start(mode);
  try {
    const ready = mode === '--serve' ? await listeningUrl(measured.child) : undefined;
    const before = await measured.measure();
    const startedAt = performance.now();
    await seed(measured, ready);
    const seconds = (performance.now() - startedAt) / 1000;
    return { before, after: await measured.measure(), seconds };
  } finally {
    measured.child.kill();
    await once(measured.child, 'exit');
  }
}

export async function benchMemory({ quick = false } = {}) {
  const accounts = quick ? 2 : 10;
  const rooms = accounts * roomsPerAccount;
  const participants = rooms * participantsPerRoom;
  console.log(
    `\n6. Memory: ${rooms.toLocaleString('en')} rooms, ${participants.toLocaleString('en')} participants, ` +
      `${(participants * tracksPerParticipant).toLocaleString('en')} tracks\n\n${machine()}\n`,
  );
  const reference = await measureSeeding('--reference', (measured) => seedReference(measured, accounts));
  const roomlab = await measureSeeding('--serve', (_, url) => seedRoomlab(url, accounts));
  const growth = ({ before, after }, field) => after[field] - before[field];
  const row = (label, measured) => {
    const { before, after, seconds } = measured;
    return [
      label,
      `${num(mb(before.rss))} → ${num(mb(after.rss))}`,
      `${num(mb(before.heapUsed))} → ${num(mb(after.heapUsed))}`,
      num(mb(after.heapTotal)),
      num(growth(measured, 'rss') / 1000 / rooms, 1),
      num(growth(measured, 'heapUsed') / participants, 0),
      num(seconds, 2),
      num(growth(measured, 'rss') / growth(reference, 'rss'), 2),
      num(seconds / reference.seconds, 1),
    ];
  };
  table(
    [
      'process',
      'RSS MB before → after',
      'heap used MB before → after',
      'heap total MB after',
      'RSS growth KB per room',
      'heap growth B per participant',
      'seed s',
      'RSS growth ÷ reference',
      'seed ÷ reference',
    ],
    [row('plain objects in a Map (reference)', reference), row('roomlab server', roomlab)],
  );
}

const mode = process.argv[2];
if (mode === '--serve') await serve();
else if (mode === '--reference') holdPlainObjects();
else if (process.argv[1] === self) await benchMemory({ quick: process.argv.includes('--quick') });
