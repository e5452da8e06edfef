import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  resolve: { conditions: ['roomlab-source'] },
  ssr: { resolve: { conditions: ['roomlab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'inspector/src/**/*.test.ts'],
    // Many tests start processes (the CLI, ffmpeg sending RTP in real time) or a browser: on a loaded CI
    // machine 5 s is too short for them, while a test that hangs still fails.
    testTimeout: 20_000,
  },
});
