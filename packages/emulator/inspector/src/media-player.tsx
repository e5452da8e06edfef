import { controlBase, query } from './control-api.js';

/**
 * A player of a completed recording's or composition's file, as the emulator serves it. It loads the
 * file's metadata at once (not the media), so the player shows the length, and a file the browser
 * cannot read shows as such before anyone presses play.
 */
export function MediaPlayer({ sid, kind, label }: { sid: string; kind: 'audio' | 'video'; label: string }) {
  const src = `${controlBase}/media?${query({ Sid: sid })}`;
  return kind === 'audio' ? (
    // biome-ignore lint/a11y/useMediaCaption: recorded speech has no captions to give
    <audio controls preload="metadata" src={src} aria-label={label} />
  ) : (
    // biome-ignore lint/a11y/useMediaCaption: recorded video has no captions to give
    <video controls preload="metadata" src={src} aria-label={label} width={320} />
  );
}
