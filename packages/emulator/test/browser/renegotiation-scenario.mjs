// Runs inside a network namespace made by sdk-renegotiation.test.ts: roomlab with its media server,
// the real twilio-video bundle in Chromium with a fake camera and microphone, and participants who
// change what they send after connecting (publish, restart, unpublish and publish again), one step
// after another. Prints one JSON line: what each step's receivers got, and what roomlab logged.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { memoryLogger, mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';

/** The steps, in order: what participants do, then who must receive what (renegotiation-steps.json). */
const steps = JSON.parse(readFileSync(new URL('./renegotiation-steps.json', import.meta.url), 'utf8'));
const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
const html = new URL('./sdk-page.html', import.meta.url).pathname;
const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
const logger = memoryLogger();
const emulator = await startServer({ port: 0, logger });
const browser = await launchChromium({ media: true });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs in the page before the SDK loads: notes every offer and answer on the signaling sockets (the
 * socket, who sent it, when), so the scenario can time the SFU's answers.
 */
function recordDescriptions() {
  window.signaledDescriptions = [];
  const Native = window.WebSocket;
  let sockets = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const socket = sockets++;
      const note = (from, data) => {
        const message = JSON.parse(data);
        const body = message.body ?? {};
        for (const { description } of body.peer_connections ?? []) {
          if (description?.sdp)
            window.signaledDescriptions.push({ socket, from, at: Date.now(), ...description });
        }
      };
      this.addEventListener('message', (event) => note('server', event.data));
      const send = this.send.bind(this);
      this.send = (data) => {
        note('client', data);
        send(data);
      };
    }
  };
}

/** Each client offer the SFU answered: how long the answer took (ms), and whether it says ICE-lite. */
function answersTo(descriptions) {
  return descriptions
    .filter((offer) => offer.from === 'client' && offer.type === 'offer')
    .flatMap((offer) => {
      const answer = descriptions.find(
        (d) =>
          d.socket === offer.socket &&
          d.from === 'server' &&
          d.type === 'answer' &&
          d.revision === offer.revision,
      );
      return answer ? [{ ms: answer.at - offer.at, iceLite: answer.sdp.includes('a=ice-lite') }] : [];
    });
}

const result = { joined: [], steps: [], answers: [], log: [], logged: [], error: null };
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') result.log.push(`console:${message.text().slice(0, 200)}`);
  });
  await page.addInitScript(recordDescriptions);
  await page.goto(pages.origin);
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const call = (name, ...args) => page.evaluate(([fn, rest]) => window[fn](...rest), [name, args]);

  /**
   * A participant joins the room with nothing published: everything it sends comes later. With the
   * dominant speaker and network quality, as Twilio's own integration suite asks: their data channels
   * make the SFU offer too, so its offers and the client's cross.
   */
  const join = async (identity) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    const options = {
      wsServer: emulator.signalingUrl,
      name: 'renegotiation',
      tracks: [],
      dominantSpeaker: true,
      networkQuality: true,
    };
    result.joined.push(await call('join', identity, token, options));
  };

  /** SIDs of what each participant publishes now, by kind. */
  const sids = {};
  /** What a step does, one action after another: `[action, participant, kind]`. */
  const actions = {
    join: (key) => join(key),
    publish: async (key, kind) => {
      sids[key] = { ...sids[key], [kind]: await call('publish', key, kind) };
    },
    // The track it unpublished (the suite waits a moment first, for that negotiation to end).
    'publish-again': async (key, kind) => {
      await sleep(1000);
      sids[key] = { ...sids[key], [kind]: await call('publish', key, kind, true) };
    },
    unpublish: (key, kind) => call('unpublish', key, kind),
    restart: (key, kind) => call('restart', key, kind),
  };

  /**
   * Waits until each `[receiver, publisher, kind]` receives the publisher's current track of that
   * kind: its bytes (and, for video, painted frames) rise across 1.5 s. Returns each one's counts.
   */
  const receiving = async (flows, timeoutMs = 20_000) => {
    const seen = new Map();
    const deadline = Date.now() + timeoutMs;
    const allFlowing = () => [...seen.values()].filter((flow) => flow.flowing).length === flows.length;
    while (!allFlowing() && Date.now() < deadline) {
      const before = await call('received');
      await sleep(1500);
      const after = await call('received');
      for (const [key, identity, kind] of flows) {
        const name = `${key}<-${identity}:${kind}`;
        if (seen.get(name)?.flowing) continue;
        const sid = sids[identity]?.[kind];
        const find = (entries) => entries.find((entry) => entry.key === key && entry.trackSid === sid);
        const [first, last] = [find(before), find(after)];
        const flowing =
          !!first &&
          !!last &&
          last.bytes > first.bytes &&
          (kind === 'audio' || (last.frames ?? 0) > (first.frames ?? 0));
        seen.set(name, {
          name,
          flowing,
          bytes: [first?.bytes ?? null, last?.bytes ?? null],
          frames: [first?.frames ?? null, last?.frames ?? null],
        });
      }
    }
    return flows.map(([key, identity, kind]) => {
      const name = `${key}<-${identity}:${kind}`;
      return seen.get(name) ?? { name, flowing: false, bytes: [null, null], frames: [null, null] };
    });
  };

  /** `[receiver, publisher, kind]`: a kind, or both microphone and camera when none is named. */
  const flowsOf = (receive) =>
    receive.flatMap(([receiver, publisher, kind]) =>
      (kind ? [kind] : ['audio', 'video']).map((each) => [receiver, publisher, each]),
    );

  await join('alice');
  await join('bob');
  // Each step's time and what roomlab logged meanwhile are noted with what its receivers got.
  for (const { name, act, receive } of steps) {
    const started = Date.now();
    const loggedBefore = logger.entries.length;
    for (const [action, key, kind] of act) await actions[action](key, kind);
    const received = await receiving(flowsOf(receive));
    const logged = logger.entries.slice(loggedBefore).map((entry) => `${entry.level}: ${entry.message}`);
    result.steps.push({ name, ms: Date.now() - started, received, logged });
  }
  result.log.push(...new Set(await page.evaluate(() => window.log)));
  result.answers = answersTo(await page.evaluate(() => window.signaledDescriptions));
} catch (error) {
  result.error = String(error);
} finally {
  result.logged = logger.entries.map((entry) => `${entry.level}: ${entry.message}: ${String(entry.cause)}`);
  console.log(JSON.stringify(result));
  await browser.close();
  await emulator.close();
  await pages.close();
}
