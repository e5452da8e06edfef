import { createRequire, register } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

/**
 * Records which npm packages this process loads from now on: what imports resolve to (seen by a
 * resolve hook), and CommonJS modules (Node's require cache, for what CommonJS packages require without
 * the hook seeing it). `loadedPackages()` names them. For tests that check what an entry loads.
 */
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (url) => urls.add(url));
port1.unref();
register(new URL('./resolved-urls-hooks.mjs', import.meta.url), {
  data: { port: port2 },
  transferList: [port2],
});

const packageOf = (url) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)?.[1];

export async function loadedPackages() {
  // The hooks thread's last messages may still be on their way.
  await sleep(100);
  const required = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href);
  return [...new Set([...urls, ...required].map(packageOf).filter(Boolean))].sort();
}
