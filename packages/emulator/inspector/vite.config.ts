import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The inspector page, built into the emulator's dist/inspector/ as static files the emulator serves at
 * /_roomlab/ui/. Everything it needs is bundled (no CDN, no web fonts): it must work offline.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/_roomlab/ui/',
  // Only types come from the workspace packages: their TypeScript sources, as the tests read them.
  resolve: { conditions: ['roomlab-source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: fileURLToPath(new URL('../dist/inspector/', import.meta.url)),
    emptyOutDir: true,
    // Served by the emulator, not a CDN: one small page needs no source maps in the package.
    sourcemap: false,
  },
  logLevel: 'warn',
});
