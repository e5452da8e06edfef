import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

/**
 * The demo as a user runs it, in two Chromium tabs with fake camera and microphone, inside a network
 * namespace the test makes (WebRTC must not reach the machine's own interfaces): each tab sees the other's
 * video. Screenshots of both tabs are kept in test-results/.
 */
const namespace = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  'ip addr add 198.18.0.1/24 dev v0',
  'ip addr add 198.18.0.2/24 dev v1',
  'ip link set v0 up',
  'ip link set v1 up',
  'ip route add default via 198.18.0.2 dev v0',
].join(' && ');

it('two tabs preview their camera, join the same room, see and hear each other, see mute, camera and screen-share toggles, chat over a data track, and leave and join again', async () => {
  const chromium = process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error('Chromium is missing: run node scripts/ensure-test-tools.mjs');
  const script = new URL('./two-tabs.mjs', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['-n', 'sh', '-c', `${namespace} && exec "${process.execPath}" "${script}"`],
    {
      timeout: 110_000,
    },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    tabs: Record<string, { state: string; sees: string[]; remoteVideoWidth: number }>;
    bobChat: string[];
    bobHearsAlice?: boolean;
    bobSeesAliceMuted?: boolean;
    bobSeesAliceCameraAgain?: boolean;
    aliceSeesBobBack?: boolean;
    bobSeesPresenter?: string;
    previews: Record<string, number>;
    error: string | null;
    pages?: string[][];
  };
  expect(result.error, JSON.stringify(result.pages)).toBeNull();
  expect(result.previews.alice).toBeGreaterThan(0);
  expect(result.previews.bob).toBeGreaterThan(0);
  expect(result.tabs.alice).toMatchObject({ state: 'demo: connected', sees: ['alice', 'bob'] });
  expect(result.tabs.bob).toMatchObject({ state: 'demo: connected', sees: ['bob', 'alice'] });
  expect(result.tabs.alice?.remoteVideoWidth).toBeGreaterThan(0);
  expect(result.tabs.bob?.remoteVideoWidth).toBeGreaterThan(0);
  expect(existsSync(new URL('../test-results/alice.png', import.meta.url))).toBe(true);
  expect(result.bobChat).toContain('alice: hello bob');
  expect(result).toMatchObject({
    bobHearsAlice: true,
    bobSeesAliceMuted: true,
    bobSeesAliceCameraAgain: true,
  });
}, 120_000);
