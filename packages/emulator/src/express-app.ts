import express, { type Express } from 'express';
import type { FetchHandler } from './fetch-handler.js';
import { nodeRequestListener } from './node-http-adapter.js';

/**
 * The emulator as an Express app: every path goes to the one Fetch handler. No body parser runs
 * before it, so the handler sees the raw form body and applies its own size cap.
 */
export function createExpressApp(handle: FetchHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const listener = nodeRequestListener(handle);
  app.use((request, response, next) => {
    listener(request, response).catch(next);
  });
  return app;
}
