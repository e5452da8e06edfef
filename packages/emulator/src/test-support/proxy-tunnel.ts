import { request } from 'node:https';
import { connect, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';

/** What a proxy answered to a CONNECT: its status line's code, and the rest of what it sent. */
export interface TunnelAnswer {
  status: number;
  text: string;
  socket: Socket;
}

/** Sends `requestHead` (a CONNECT, well formed or not) to the proxy and reads its answer's head. */
export async function sendConnect(proxyUrl: string, requestHead: string): Promise<TunnelAnswer> {
  const { hostname, port } = new URL(proxyUrl);
  const socket = connect(Number(port), hostname);
  socket.write(requestHead);
  let text = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, socket };
}

/** Reads what is left until the proxy closes the socket. */
export async function readToEnd(answer: TunnelAnswer): Promise<string> {
  let text = answer.text;
  answer.socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  await new Promise((resolve) => answer.socket.once('close', resolve));
  return text;
}

/** Opens a tunnel to `host:443` through the proxy and starts TLS in it, trusting only `ca`. */
export async function openTunnel(proxyUrl: string, host: string, ca: string): Promise<TLSSocket> {
  const answer = await sendConnect(proxyUrl, `CONNECT ${host}:443 HTTP/1.1\r\nhost: ${host}:443\r\n\r\n`);
  if (answer.status !== 200) throw new Error(`the proxy answered ${answer.text}`);
  const tls = connectTls({ socket: answer.socket, servername: host, ca });
  await new Promise((resolve, reject) => {
    tls.once('secureConnect', resolve);
    tls.once('error', reject);
  });
  return tls;
}

/** An HTTPS GET over an open tunnel: status and parsed JSON body. */
export async function getOverTunnel(
  tls: TLSSocket,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers, createConnection: () => tls, defaultPort: 443 }, (response) => {
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}
