import { join } from 'node:path';
import type { CompositionSource } from '../compositions/render/render-request.js';

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
