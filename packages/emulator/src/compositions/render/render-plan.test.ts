import { TwilioError } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { compositionRequest, compositionSource } from '../../test-support/composition-sources.js';
import { planRender } from './render-plan.js';
import type { RenderCompositionRequest } from './render-request.js';
import { parseVideoLayout } from './video-layout.js';

const vga = { width: 640, height: 480 };
const from = (startMs: number, endMs: number) => ({ startMs, durationMs: endMs - startMs });
// Nobody for the first second; Alice 1-3 s; nobody 3-4 s; Bob 4-5 s; the room closes at 6 s.
const sources = [
  compositionSource('alice-video', from(1000, 3000)),
  compositionSource('alice-audio', from(1000, 3000)),
  compositionSource('bob-video', from(4000, 5000)),
  compositionSource('bob-audio', from(4000, 5000)),
];

function request(overrides: Partial<RenderCompositionRequest>): RenderCompositionRequest {
  return compositionRequest({ sources, output: '/compositions/CJ1.mp4', roomDurationMs: 6000, ...overrides });
}

describe('planRender', () => {
  it('places each source where the trimmed file has it', () => {
    const plan = planRender(request({}));
    expect(plan.durationMs).toBe(3000);
    expect(plan.inputs.map((input) => [input.source.trackName, input.offsetMs])).toEqual([
      ['alice-video', 0],
      ['bob-video', 2000],
      ['alice-audio', 0],
      ['bob-audio', 2000],
    ]);
    expect(plan.audio).toEqual([2, 3]);
    // One cell each (they never meet), both the full canvas, Bob from 2 s of the file.
    expect(plan.video?.placements).toEqual([
      { input: 0, rect: { x: 0, y: 0, width: 640, height: 480 }, visible: [{ startMs: 0, endMs: 2000 }] },
      { input: 1, rect: { x: 0, y: 0, width: 640, height: 480 }, visible: [{ startMs: 2000, endMs: 3000 }] },
    ]);
  });

  it('keeps the room time when Trim is off', () => {
    const plan = planRender(request({ trim: false }));
    expect(plan.durationMs).toBe(6000);
    expect(plan.inputs.map((input) => input.offsetMs)).toEqual([1000, 4000, 1000, 4000]);
    expect(plan.video?.placements[1]?.visible).toEqual([{ startMs: 4000, endMs: 5000 }]);
  });

  it('plans no video for an audio-only composition, and trims to the chosen audio', () => {
    const plan = planRender(request({ videoLayout: undefined, audioSources: ['bob*'] }));
    expect(plan.video).toBeUndefined();
    expect(plan.inputs.map((input) => [input.source.trackName, input.offsetMs])).toEqual([['bob-audio', 0]]);
    expect(plan.durationMs).toBe(1000);
  });

  it('fails with 53630 when the sources and exclusions leave no track', () => {
    const layout = parseVideoLayout({ grid: { video_sources: ['carol*'] } }, vga);
    let failure: unknown;
    try {
      planRender(request({ videoLayout: layout, audioSources: ['*'], audioSourcesExcluded: ['*'] }));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TwilioError);
    expect((failure as TwilioError).code).toBe(53630);
  });
});
