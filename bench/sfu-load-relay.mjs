// The reference of the SFU load bench: a bare UDP relay, the least a Node process can do to forward
// packets. A process of its own receives datagrams and sends each on, unchanged, to `fanOut` sinks,
// as an SFU sends a published track to each subscriber; no encryption, no parsing, no RTCP. The bench
// feeds it the packet rate and mean packet size the SFU received, so its CPU time per forwarded packet
// is what forwarding alone costs Node and the kernel here.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';

/** The relay: argv[1] is a JSON list of sink ports on 127.0.0.1; it prints the port it listens on. */
const relayScript = `import { createSocket } from 'node:dgram';
const sinks = JSON.parse(process.argv[1]);
const socket = createSocket('udp4');
let forwarded = 0;
socket.on('message', (datagram) => {
  for (const port of sinks) socket.send(datagram, port, '127.0.0.1');
  forwarded += sinks.length;
});
socket.bind(0, '127.0.0.1', () => console.log(socket.address().port));
process.on('message', () => process.send(forwarded));
process.on('disconnect', () => socket.close());`;

const bound = (socket) => new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket)));

/** How often the feeder sends: the packets due since its last turn go out together. */
const feedEveryMs = 5;

/**
 * Starts the relay process with `fanOut` sinks in this process. `feed({ packetsPerSecond, bytes })`
 * sends it datagrams of `bytes` at that rate until `stop()`; `forwarded()` asks the relay how many
 * datagrams it has sent on so far; `close()` stops it all.
 */
export async function startRelay({ fanOut }) {
  const sinks = await Promise.all(Array.from({ length: fanOut }, () => bound(createSocket('udp4'))));
  const ports = sinks.map((sink) => sink.address().port);
  const child = spawn(process.execPath, ['--input-type=module', '-e', relayScript, JSON.stringify(ports)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const relayPort = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (text) => resolve(Number(text.trim())));
    child.once('exit', (code) => reject(new Error(`the relay exited with ${code}`)));
  });
  const feeder = await bound(createSocket('udp4'));
  let timer;
  return {
    pid: child.pid,
    forwarded: () => new Promise((resolve) => child.once('message', resolve).send('count')),
    feed({ packetsPerSecond, bytes }) {
      const datagram = Buffer.alloc(bytes, 0x80);
      const started = performance.now();
      let sent = 0;
      timer = setInterval(() => {
        const due = Math.floor(((performance.now() - started) / 1000) * packetsPerSecond);
        for (; sent < due; sent++) feeder.send(datagram, relayPort, '127.0.0.1');
      }, feedEveryMs);
    },
    stop: () => clearInterval(timer),
    async close() {
      clearInterval(timer);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
      for (const socket of [feeder, ...sinks]) socket.close();
    },
  };
}
