// A test page bundled as a browser gets it: Vite builds a folder's index.html (and what it imports, from
// the workspace packages' TypeScript sources) into a temporary folder, served until closed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from './serve-static.mjs';

/** @type {typeof import('./types/index.js').serveBundle} */
export const serveBundle = async (root, options = {}) => {
  const outDir = await mkdtemp(join(tmpdir(), 'roomlab-page-'));
  const removeBundle = () => rm(outDir, { recursive: true, force: true });
  try {
    // Loaded here, so what imports only the harness's other parts (the demo's server) does not load Vite.
    const { build } = await import('vite');
    await build({
      root,
      logLevel: 'error',
      resolve: { conditions: ['roomlab-source', 'browser', 'module', 'import', 'default'] },
      build: { outDir, emptyOutDir: true, minify: false },
    });
  } catch (error) {
    await removeBundle();
    throw error;
  }
  const server = await serveStatic({ root: outDir, files: options.files });
  return {
    origin: server.origin,
    close: () => server.close().then(removeBundle),
  };
};
