import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

/**
 * Records which npm packages this process loads from now on: what imports resolve to (seen by a
 * resolve hook), CommonJS modules (Node's require cache, for what CommonJS packages require without
 * the hook seeing it), and the modules bundled into a loaded file of roomlab's own (the CLI's esbuild
 * bundle names each module it holds in a `// path` comment). `loadedPackages()` names the packages,
 * `loadedModules()` the modules, `resolvedPackages()` the packages loaded from their own files. For tests that check what an entry loads.
 */
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (url) => urls.add(url));
port1.unref();
register(new URL('./resolved-urls-hooks.mjs', import.meta.url), {
  data: { port: port2 },
  transferList: [port2],
});

/** `package/path/in/it.js` of a file in node_modules (its last node_modules segment), else undefined. */
const moduleOf = (path) => path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+\/.+)$/)?.[1];
const packageOf = (module) => module.match(/^(?:@[^/]+\/)?[^/]+/)[0];
const bundledModuleComment = /^\/\/ (\S*node_modules\/\S+)$/gm;

/** The files loaded from disk (not those bundled into one of them). */
async function loadedFiles() {
  // The hooks thread's last messages may still be on their way.
  await sleep(100);
  return [
    ...[...urls].filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url)),
    ...Object.keys(createRequire(import.meta.url).cache),
  ];
}

/** The npm packages whose own files were loaded from node_modules: those not bundled into another. */
export async function resolvedPackages() {
  return [...new Set((await loadedFiles()).map(moduleOf).filter(Boolean).map(packageOf))].sort();
}

export async function loadedModules() {
  const files = await loadedFiles();
  const bundled = files
    .filter((file) => !file.includes('/node_modules/') && /\.m?js$/.test(file))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(bundledModuleComment)].map((match) => match[1]),
    );
  return [...new Set([...files, ...bundled].map(moduleOf).filter(Boolean))].sort();
}

export async function loadedPackages() {
  return [...new Set((await loadedModules()).map(packageOf))].sort();
}
