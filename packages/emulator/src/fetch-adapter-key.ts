import type { EmulatorResponse } from './emulator-request.js';

/**
 * Where a Fetch handler made by `fetchHandler` keeps its way in from a Fetch request with a body reader of
 * the caller's choosing. A registry symbol in a module that imports nothing, so that `msw-handlers.js`
 * (which `@roomlab/testing` requires by path) reaches the emulator's handler without importing
 * `@roomlab/core`.
 */
export const fetchAdapterKey = Symbol.for('roomlab.fetchAdapter');

/** How a Fetch request's body (not null) is read, up to a cap: streamed (the default) or whole (msw). */
export type FetchBodyReader = (request: Request, maxBytes: number) => Promise<Uint8Array>;

export type FetchAdapter = (request: Request, readBody: FetchBodyReader) => Promise<EmulatorResponse>;
