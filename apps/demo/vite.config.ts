import { defineConfig } from 'vite';

export default defineConfig({
  // Build from the workspace packages' TypeScript sources, as the tests do.
  resolve: { conditions: ['roomlab-source', 'browser', 'module', 'import', 'default'] },
  build: { outDir: 'dist', emptyOutDir: true },
});
