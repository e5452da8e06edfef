import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  resolve: { conditions: ['roomlab-source'] },
  ssr: { resolve: { conditions: ['roomlab-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // The emulator loads its media stack (werift, the recording writers) on first need, so the first test
    // that joins or records pays for it; with ffmpeg's test patterns such a test took over 5 s under a
    // load average of 20 on 2 cores. 20 s, as the emulator's own tests have; a hang still fails.
    testTimeout: 20_000,
  },
});
