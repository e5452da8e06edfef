import { coalesced } from './coalesced.js';
import { mergedById, mergedByNumber } from './merge-lists.js';
import type { ClockReading, Delivery, EngineEvent, EngineState, Fault, LoggedRequest } from './wire-types.js';

/** Everything the page shows, as one immutable snapshot: a new object on every change. */
export interface InspectorData {
  /** `live` once the stream said hello; `reconnecting` while the browser tries again. */
  connection: 'connecting' | 'live' | 'reconnecting';
  state: EngineState | null;
  /** The engine's events, oldest first (the timeline draws them). */
  events: readonly EngineEvent[];
  /** The request log, oldest first. */
  requests: readonly LoggedRequest[];
  deliveries: readonly Delivery[];
  faults: readonly Fault[];
  clock: ClockReading | null;
  /** The last failed fetch, until one succeeds. */
  problem: string | null;
}

export interface InspectorStore {
  getSnapshot(): InspectorData;
  subscribe(listener: () => void): () => void;
  /** Stops listening to the stream and cancels any refetch waiting. */
  close(): void;
}

/** The parts of `EventSource` the store uses (a fake one in unit tests). */
export interface EventStream {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface InspectorStoreOptions {
  /** GETs `/_roomlab/<path>` and answers its JSON. */
  load(path: string): Promise<unknown>;
  /** Opens `/_roomlab/live`. */
  openStream(): EventStream;
  /** At most one refetch of the state per this many ms, however many events come (default 150). */
  refetchDelayMs?: number;
}

/** How many requests and events the page keeps: the newest (the emulator keeps far more). */
export const keptRequests = 1000;
export const keptEvents = 5000;

const initial: InspectorData = {
  connection: 'connecting',
  state: null,
  events: [],
  requests: [],
  deliveries: [],
  faults: [],
  clock: null,
  problem: null,
};

/**
 * The clock as last read: a state snapshot says what time it was taken at, so each refetch moves it on
 * (the stream tells of a clock only when it is advanced).
 */
const laterClock = (clock: ClockReading | null, takenAt: number): ClockReading =>
  clock && clock.now >= takenAt ? clock : { now: takenAt, iso: new Date(takenAt).toISOString() };

const eventNumber = (event: EngineEvent) => event.sequence;
const requestNumber = (request: LoggedRequest) => request.id;
const deliveryId = (delivery: Delivery) => delivery.id;

/** What the stream brought while a full refetch was under way: added to what it fetched. */
interface Arrived {
  events: EngineEvent[];
  requests: LoggedRequest[];
  deliveries: Delivery[];
}

/**
 * The page's data layer: a snapshot fed by the emulator's live stream (`GET /_roomlab/live`). Requests,
 * deliveries, faults and the clock come in the stream itself; an engine event says the state changed, and
 * the state is fetched again (at most once per `refetchDelayMs`). On hello (every connect, so nothing
 * missed while away stays missed) and on reset, everything is fetched anew.
 */
export function inspectorStore(options: InspectorStoreOptions): InspectorStore {
  let data = initial;
  const listeners = new Set<() => void>();
  const update = (change: Partial<InspectorData>) => {
    data = { ...data, ...change };
    for (const listener of [...listeners]) listener();
  };
  const failed = (error: unknown) =>
    update({ problem: error instanceof Error ? error.message : String(error) });

  const fetchState = async () => {
    const state = (await options.load('state')) as EngineState;
    update({
      state,
      events: mergedByNumber(data.events, state.events, eventNumber, keptEvents),
      clock: laterClock(data.clock, state.takenAt),
      problem: null,
    });
  };
  const stateRefetch = coalesced(() => fetchState().catch(failed), options.refetchDelayMs ?? 150);

  let arrived: Arrived | null = null;
  const fetchEverything = async () => {
    const during: Arrived = { events: [], requests: [], deliveries: [] };
    arrived = during;
    const [state, requests, deliveries, faults, clock] = await Promise.all([
      options.load('state') as Promise<EngineState>,
      options.load(`requests?Limit=${keptRequests}`) as Promise<{ requests: LoggedRequest[] }>,
      options.load('status-callbacks') as Promise<{ status_callbacks: Delivery[] }>,
      options.load('faults') as Promise<{ faults: Fault[] }>,
      options.load('clock') as Promise<ClockReading>,
    ]).finally(() => {
      if (arrived === during) arrived = null;
    });
    update({
      state,
      events: mergedByNumber(state.events, during.events, eventNumber, keptEvents),
      requests: mergedByNumber(requests.requests, during.requests, requestNumber, keptRequests),
      deliveries: mergedById(deliveries.status_callbacks, during.deliveries, deliveryId),
      faults: faults.faults,
      clock: laterClock(clock, state.takenAt),
      problem: null,
    });
  };
  const refetchEverything = () => {
    stateRefetch.cancel();
    fetchEverything().catch(failed);
  };

  const stream = options.openStream();
  const on = <T>(type: string, handle: (payload: T) => void) =>
    stream.addEventListener(type, (event) => {
      let payload: T;
      try {
        payload = JSON.parse(event.data) as T;
      } catch {
        failed(new Error(`The live stream sent a ${type} event that is not JSON`));
        return;
      }
      handle(payload);
    });
  on<ClockReading>('hello', (clock) => {
    update({ connection: 'live', clock });
    refetchEverything();
  });
  on<EngineEvent>('engine', (event) => {
    arrived?.events.push(event);
    update({ events: mergedByNumber(data.events, [event], eventNumber, keptEvents) });
    stateRefetch.run();
  });
  on<LoggedRequest>('request', (request) => {
    arrived?.requests.push(request);
    update({ requests: mergedByNumber(data.requests, [request], requestNumber, keptRequests) });
  });
  on<Delivery>('status-callback', (delivery) => {
    arrived?.deliveries.push(delivery);
    update({ deliveries: mergedById(data.deliveries, [delivery], deliveryId) });
  });
  on<{ faults: Fault[] }>('faults', ({ faults }) => update({ faults }));
  on<ClockReading>('clock', (clock) => update({ clock }));
  on('reset', () => refetchEverything());
  // The browser reconnects by itself; its hello then brings everything again.
  stream.onerror = () => update({ connection: 'reconnecting' });

  return {
    getSnapshot: () => data,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      stream.close();
      stateRefetch.cancel();
      listeners.clear();
    },
  };
}
