// `import '@roomlab/testing/vitest'` in a setup file or a test: installs the matchers and types them.
// The bare import of 'vitest' stays in the emitted .d.ts (a value import would be dropped there), so the
// `declare module` below augments vitest's own module wherever a consumer's resolution finds it, in
// whatever order a test imports the two; without it TypeScript does not merge it into vitest's Assertion.
import 'vitest';
import { expect } from 'vitest';
import { installMatchers } from './matchers.js';

installMatchers(expect);

declare module 'vitest' {
  // Vitest's documented form: the same type parameters as its own declaration.
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares Assertion<T = any>; a merge must match
  interface Assertion<T = any> {
    toHaveParticipant(identity: string): Promise<T>;
    toHaveReceivedWebhook(event: string, params?: Record<string, string>): T;
  }
}
