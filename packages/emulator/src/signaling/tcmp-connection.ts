/**
 * The transport the `twilio-video` SDK speaks over its WebSocket (its `twilioconnection.js`): a
 * `hello` answered by `welcome` with the negotiated heartbeat interval, `heartbeat`s both ways,
 * `msg` frames carrying room-signaling bodies, `bye`, and `bad` for frames that make no sense.
 */
export interface TcmpConnection {
  /** Sends a room-signaling body inside a `msg` frame. */
  send(body: object): void;
  /** Sends a room-signaling body already serialized as JSON: a fan-out serializes what it shares once. */
  sendJson(body: string): void;
  /** Closes the socket (after whatever was sent). */
  close(code?: number, reason?: string): void;
  readonly open: boolean;
  /** The host of the URL the client's socket dialled (e.g. `global.vss.twilio.com`), when known. */
  readonly host?: string;
}

/**
 * The WebSocket the connection speaks over: a `ws` socket on a server, or msw's intercepted client in a
 * page. `readyState` is WebSocket's: 0 connecting, 1 open, 2 closing, 3 closed.
 */
export interface FrameSocket {
  readonly readyState: number;
  send(text: string): void;
  close(code: number, reason: string): void;
  on(event: 'message', listener: (data: { toString(): string }, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

const connecting = 0;
const open = 1;

export interface TcmpHandlers {
  /** A room-signaling body: the hello's, then each `msg`'s. */
  onBody(body: Record<string, unknown>, connection: TcmpConnection): void;
  /** The socket closed; `byClient` when the client said `bye` first. */
  onClose(byClient: boolean): void;
}

const maxTimeoutMs = 5000;
const minTimeoutMs = 1000;
const missedHeartbeats = 3;

export function acceptTcmp(socket: FrameSocket, handlers: TcmpHandlers, host?: string): TcmpConnection {
  let welcomed = false;
  let saidBye = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let negotiated = maxTimeoutMs;

  const sendText = (text: string) => {
    if (socket.readyState === open) socket.send(text);
  };
  const frame = (value: object) => sendText(JSON.stringify(value));
  // The same text as `frame({ type: 'msg', body })`, without parsing the body again.
  const sendJson = (body: string) => sendText(`{"type":"msg","body":${body}}`);
  const connection: TcmpConnection = {
    send: (body) => sendJson(JSON.stringify(body)),
    sendJson,
    close(code = 1000, reason = 'Normal') {
      if (socket.readyState === open || socket.readyState === connecting) socket.close(code, reason);
    },
    get open() {
      return socket.readyState === open;
    },
    ...(host === undefined ? {} : { host }),
  };

  const heard = () => {
    if (silence) clearTimeout(silence);
    // A client that says nothing for three heartbeat intervals is gone.
    silence = setTimeout(() => connection.close(3001, 'Missed heartbeats'), negotiated * missedHeartbeats);
  };
  const bad = (reason: string) => {
    frame({ type: 'bad', reason });
    // Before the welcome the SDK gives up on a `bad`; close our side too.
    if (!welcomed) connection.close(3002, reason);
  };

  socket.on('message', (data, isBinary) => {
    heard();
    if (isBinary) return bad('Frames must be JSON text');
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(data.toString()) as Record<string, unknown>;
    } catch {
      return bad('Frame is not JSON');
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return bad('Frame is not a JSON object');
    switch (message.type) {
      case 'hello': {
        if (welcomed) return bad('Already welcomed');
        if (message.version !== 2)
          return bad(`Unsupported TCMP version ${String(message.version).slice(0, 16)}; roomlab speaks 2`);
        const asked =
          typeof message.timeout === 'number' && Number.isFinite(message.timeout)
            ? message.timeout
            : maxTimeoutMs;
        negotiated = Math.min(maxTimeoutMs, Math.max(minTimeoutMs, Math.floor(asked)));
        welcomed = true;
        frame({
          type: 'welcome',
          id: typeof message.id === 'string' ? message.id : undefined,
          negotiatedTimeout: negotiated,
        });
        heartbeat = setInterval(() => frame({ type: 'heartbeat' }), negotiated - 200);
        heard();
        if (typeof message.body === 'object' && message.body !== null) {
          handlers.onBody(message.body as Record<string, unknown>, connection);
        }
        return;
      }
      case 'msg':
        if (!welcomed) return bad('Send hello first');
        if (typeof message.body !== 'object' || message.body === null || Array.isArray(message.body)) {
          return bad('msg needs a body object');
        }
        return handlers.onBody(message.body as Record<string, unknown>, connection);
      case 'heartbeat':
        return;
      case 'bye':
        saidBye = true;
        return connection.close(1000, 'Normal');
      default:
        return bad(`Unknown frame type ${String(message.type).slice(0, 32)}`);
    }
  });
  socket.on('error', () => connection.close(1011, 'Socket error'));
  socket.on('close', () => {
    if (heartbeat) clearInterval(heartbeat);
    if (silence) clearTimeout(silence);
    handlers.onClose(saidBye);
  });
  // A client that never says hello is not kept waiting around.
  silence = setTimeout(() => connection.close(3000, 'No hello'), 15_000);
  return connection;
}
