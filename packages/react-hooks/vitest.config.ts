import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  resolve: { conditions: ['roomlab-source'] },
  ssr: { resolve: { conditions: ['roomlab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Hook tests render into a DOM; the browser tests (test/) drive a real Chromium from Node and say so.
    environment: 'happy-dom',
  },
});
