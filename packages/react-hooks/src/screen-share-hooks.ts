import { useCallback, useEffect, useRef, useState } from 'react';
import { type PublishingParticipant, unpublishLocalTrack } from './local-publishing.js';
import { toError } from './to-error.js';

/** The parts of a twilio-video LocalParticipant that screen sharing uses. */
export type ScreenSharingParticipant = PublishingParticipant;

export interface ScreenShare {
  sharing: boolean;
  /** Starts sharing (asking the browser for a screen) or stops it. */
  toggle(): Promise<void>;
  /** Why the last start failed (e.g. the user refused), or null. */
  error: Error | null;
}

/** The name the shared screen's track is published under, which tells it from the camera. */
export const screenShareTrackName = 'screen';

type GetDisplayMedia = (constraints: DisplayMediaStreamOptions) => Promise<MediaStream>;

const browserDisplayMedia: GetDisplayMedia | undefined =
  typeof navigator !== 'undefined' && navigator.mediaDevices?.getDisplayMedia
    ? (constraints) => navigator.mediaDevices.getDisplayMedia(constraints)
    : undefined;

/**
 * Screen sharing as a toggle: publishes the shared screen as a video track named `screen`, and
 * unpublishes it when toggled off, when the browser's own "stop sharing" ends it, or on unmount.
 */
export function useScreenShareToggle(
  participant: ScreenSharingParticipant | null,
  getDisplayMedia: GetDisplayMedia | undefined = browserDisplayMedia,
): ScreenShare {
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const current = useRef<MediaStreamTrack | null>(null);

  const stop = useCallback(() => {
    const shared = current.current;
    if (!shared) return;
    current.current = null;
    shared.stop();
    if (participant) unpublishLocalTrack(participant, shared);
    setTrack(null);
  }, [participant]);

  const toggle = useCallback(async () => {
    if (current.current) return stop();
    if (!participant || !getDisplayMedia) {
      setError(new Error('Screen sharing is not available here'));
      return;
    }
    try {
      const stream = await getDisplayMedia({ video: true, audio: false });
      const [shared] = stream.getVideoTracks();
      if (!shared) throw new Error('The browser shared no video');
      current.current = shared;
      shared.addEventListener('ended', stop, { once: true });
      await participant.publishTrack(shared as never, { name: screenShareTrackName } as never);
      setError(null);
      setTrack(shared);
    } catch (failure) {
      current.current?.stop();
      current.current = null;
      setError(toError(failure));
    }
  }, [participant, getDisplayMedia, stop]);

  useEffect(() => stop, [stop]);
  return { sharing: track !== null, toggle, error };
}
