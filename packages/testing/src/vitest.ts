// `import '@roomlab/testing/vitest'` in a setup file: installs the matchers and types them.
import { expect } from 'vitest';
import { installMatchers } from './matchers.js';

installMatchers(expect);

declare module 'vitest' {
  interface Assertion<T> {
    toHaveParticipant(identity: string): Promise<T>;
    toHaveReceivedWebhook(event: string, params?: Record<string, string>): T;
  }
}
