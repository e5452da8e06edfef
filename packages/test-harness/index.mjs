// What the workspace's browser tests share. Plain ESM (typed by types/index.d.ts), so both
// vitest's TypeScript tests and the plain scripts that run inside a network namespace can import it.
export { chromiumExecutable, chromiumPath, launchChromium } from './chromium.mjs';
export { runInNetworkNamespace } from './network-namespace.mjs';
export { serveBundle } from './serve-bundle.mjs';
export { serveStatic } from './serve-static.mjs';
