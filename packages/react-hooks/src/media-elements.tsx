import { type AudioHTMLAttributes, type Ref, useEffect, useRef, type VideoHTMLAttributes } from 'react';

/** The parts of a twilio-video audio or video track these components use. */
export interface AttachableTrack {
  attach(element: HTMLMediaElement): HTMLMediaElement;
  detach(element?: HTMLMediaElement): HTMLMediaElement | HTMLMediaElement[];
}

/** Attaches a track to an element for as long as both exist, and detaches it after (StrictMode included). */
function useAttached(track: AttachableTrack | null | undefined) {
  const ref = useRef<HTMLMediaElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!track || !element) return;
    track.attach(element);
    return () => {
      track.detach(element);
    };
  }, [track]);
  return ref;
}

/** A `<video>` showing a video track (local or remote); renders nothing for a null track. */
export function VideoTrack({
  track,
  ...props
}: { track: AttachableTrack | null | undefined } & VideoHTMLAttributes<HTMLVideoElement>) {
  const ref = useAttached(track);
  if (!track) return null;
  return <video ref={ref as Ref<HTMLVideoElement>} autoPlay playsInline muted {...props} />;
}

/** An `<audio>` playing an audio track; renders nothing for a null track. */
export function AudioTrack({
  track,
  ...props
}: { track: AttachableTrack | null | undefined } & AudioHTMLAttributes<HTMLAudioElement>) {
  const ref = useAttached(track);
  if (!track) return null;
  return <audio ref={ref as Ref<HTMLAudioElement>} autoPlay {...props} />;
}
