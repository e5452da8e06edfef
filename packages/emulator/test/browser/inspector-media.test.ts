import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/test-support/ffprobe.js';

/**
 * The inspector's players (`/_roomlab/ui/`) in Chromium, for a room the real twilio-video SDK joins with
 * a fake camera and microphone, recorded, through roomlab's media server inside a network namespace
 * (inspector-media-scenario.mjs runs in there; this test reads what it saw, and probes the files it
 * fetched from `/_roomlab/media`). Its screenshot of the page goes to test-results/inspector/media.png.
 */
interface Player {
  sid: string | null;
  tag: 'audio' | 'video';
  label: string | null;
  src: string;
  readyState: number;
  duration: number | string;
  error: string | null;
  videoWidth: number | null;
}
interface Fetched {
  sid: string;
  file: string;
  status: number;
  contentType: string | null;
  contentDisposition: string | null;
  bytes: number;
}
interface Scenario {
  recordings: { sid: string; status: string; type: 'audio' | 'video'; containerFormat: string }[];
  compositions: { sid: string; status: string; format: string }[];
  players: Player[];
  files: Fetched[];
  reloaded: boolean | null;
  error: string | null;
}

let out: string;
let scenario: Scenario;
const screenshots = new URL('../../test-results/inspector/', import.meta.url).pathname;
beforeAll(async () => {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  if (!existsSync(new URL('../../dist/inspector/index.html', import.meta.url)))
    throw new Error('The inspector is not built: run pnpm --filter @roomlab/emulator build first');
  out = await mkdtemp(join(tmpdir(), 'roomlab-inspector-media-'));
  await mkdir(screenshots, { recursive: true });
  const script = new URL('./inspector-media-scenario.mjs', import.meta.url).pathname;
  scenario = await runInNetworkNamespace<Scenario>(script, {
    env: { ROOMLAB_MEDIA_OUT: out, ROOMLAB_SCREENSHOT: `${screenshots}media.png` },
    timeoutMs: 110_000,
  });
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const playerOf = (sid: string) => scenario.players.find((player) => player.sid === sid);

describe('the inspector’s media players (Chromium, network namespace)', () => {
  it('shows a player for each completed recording and the composition, with no reload', () => {
    expect(scenario.error).toBeNull();
    expect(scenario.recordings.map(({ type, status }) => `${type}:${status}`).sort()).toEqual([
      'audio:completed',
      'video:completed',
    ]);
    expect(scenario.compositions).toEqual([expect.objectContaining({ status: 'completed', format: 'webm' })]);
    const expected = [
      ...scenario.recordings.map(({ sid, type }) => ({
        sid,
        tag: type,
        label: `Recording ${sid}, ${type} of alice`,
      })),
      ...scenario.compositions.map(({ sid }) => ({ sid, tag: 'video', label: `Composition ${sid}` })),
    ];
    expect(scenario.players.map(({ sid, tag, label }) => ({ sid, tag, label }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(scenario.players).toHaveLength(expected.length);
    expect(scenario.reloaded).toBe(false);
  });

  it('loads each file into its player: metadata read, a length, no error; video at its size', () => {
    const camera = scenario.recordings.find((recording) => recording.type === 'video');
    for (const player of scenario.players) {
      expect(player.src).toContain(`/_roomlab/media?Sid=${player.sid}`);
      expect(player.error).toBeNull();
      expect(player.readyState).toBeGreaterThanOrEqual(1); // HAVE_METADATA
      expect(player.duration).toBeGreaterThan(1); // alice was in the room for 4 s
    }
    expect(playerOf(camera?.sid ?? '')?.videoWidth).toBe(320);
    expect(playerOf(scenario.compositions[0]?.sid ?? '')?.videoWidth).toBe(640);
  });

  it('answers each file from /_roomlab/media with its type and name, as ffprobe reads it', async () => {
    const kinds: Record<string, [string, string]> = {
      mka: ['audio/x-matroska', 'opus'],
      mkv: ['video/x-matroska', 'vp8'],
      webm: ['video/webm', 'vp8'],
    };
    expect(scenario.files).toHaveLength(scenario.players.length);
    for (const fetched of scenario.files) {
      const extension = fetched.file.split('.').at(-1) ?? '';
      const [contentType, codec] = kinds[extension] ?? ['?', '?'];
      expect(fetched).toMatchObject({
        status: 200,
        contentType,
        contentDisposition: `inline; filename="${fetched.sid}.${extension}"`,
      });
      const media = await probeMedia(fetched.file);
      expect(media.sizeBytes).toBe(fetched.bytes);
      expect(media.streams[0]?.codecName).toBe(codec);
      // The player's length is the file's, as ffprobe reads it.
      expect(Math.abs(Number(playerOf(fetched.sid)?.duration) - media.durationS)).toBeLessThan(0.25);
    }
  });
});
