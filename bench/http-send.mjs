// One HTTP request over a keep-alive agent, its whole answer read: what the bench's load drivers send.
import { request } from 'node:http';

/** Resolves with `{ status, text }`. */
export function send(agent, port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
