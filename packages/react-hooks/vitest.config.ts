import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  resolve: { conditions: ['roomlab-source'] },
  ssr: { resolve: { conditions: ['roomlab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Hook tests render into a DOM; the browser tests (test/) drive a real Chromium from Node and say so.
    environment: 'happy-dom',
    // A hook test that walks a fake participant through a dozen state changes took over 5 s (vitest's
    // default) under a load average of 18 on 2 cores. 20 s, as the other packages have; a hang still fails.
    testTimeout: 20_000,
  },
});
