import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { expect, it } from 'vitest';

/** What zero-code-tabs.mjs saw: the flags it was given, what the page was told, what each tab showed. */
interface ZeroCode {
  chromiumFlags: string[];
  tokenFields: string[];
  tabs: Record<string, { state: string; sees: string[] }>;
  error: string | null;
  pages?: string[];
}

it("joins two tabs through the unmodified SDK with no wsServer: Chromium, given only the proxy flags roomlab prints, reaches roomlab for Twilio's signaling host", async () => {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  const result = await runInNetworkNamespace<ZeroCode>(
    new URL('./zero-code-tabs.mjs', import.meta.url).pathname,
    {
      timeoutMs: 80_000,
    },
  );
  expect(result.error, JSON.stringify(result.pages)).toBeNull();
  expect(result.chromiumFlags).toEqual([
    expect.stringMatching(/^--proxy-server=http:\/\/127\.0\.0\.1:\d+$/),
    expect.stringMatching(/^--ignore-certificate-errors-spki-list=\S{44}$/),
  ]);
  expect(result.tokenFields).toEqual(['token', 'room']);
  expect(result.tabs.alice).toEqual({ state: 'zero-code: connected', sees: ['alice', 'bob'] });
  expect(result.tabs.bob).toEqual({ state: 'zero-code: connected', sees: ['bob', 'alice'] });
}, 90_000);
