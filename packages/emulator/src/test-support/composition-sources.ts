import { join } from 'node:path';
import type { CompositionSource, RenderCompositionRequest } from '../compositions/render/render-request.js';
import { parseVideoLayout } from '../compositions/render/video-layout.js';

/**
 * A recording for composition tests, named after its track (`alice-video`): SIDs derive from the
 * name, the file lies in `dir` (.mkv for video, .mka for audio), and it runs from `startMs` for
 * `durationMs`.
 */
export function compositionSource(
  trackName: string,
  timing: { startMs: number; durationMs: number },
  options: { kind?: 'audio' | 'video'; dir?: string } = {},
): CompositionSource {
  const kind = options.kind ?? (trackName.includes('audio') ? 'audio' : 'video');
  const slug = trackName.replace(/\W/g, '');
  return {
    recordingSid: `RT${slug}`,
    trackSid: `MT${slug}`,
    trackName,
    participantSid: `PA${trackName.split('-')[0]}`,
    kind,
    file: join(options.dir ?? '/recordings', `${slug}.${kind === 'audio' ? 'mka' : 'mkv'}`),
    ...timing,
  };
}

/**
 * A composition of `sources` into `output` as apps most often ask for it: every video in one grid,
 * all audio, 640x480, MP4, trimmed; the room lasts as long as its last recording. Overrides win.
 */
export function compositionRequest(
  request: Pick<RenderCompositionRequest, 'sources' | 'output'> & Partial<RenderCompositionRequest>,
): RenderCompositionRequest {
  const resolution = request.resolution ?? { width: 640, height: 480 };
  const lastEnd = Math.max(0, ...request.sources.map((source) => source.startMs + source.durationMs));
  return {
    roomDurationMs: lastEnd,
    videoLayout:
      'videoLayout' in request
        ? request.videoLayout
        : parseVideoLayout({ grid: { video_sources: ['*'] } }, resolution),
    audioSources: ['*'],
    audioSourcesExcluded: [],
    format: 'mp4',
    trim: true,
    ...request,
    resolution,
  };
}
