import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each file runs two Chromium tabs with media: one at a time.
  test: { include: ['test/**/*.test.ts'], fileParallelism: false },
});
