import type { Clock } from '@roomlab/core';

/** What a media link serves: a recording's or a composition's file. */
export interface MediaTarget {
  accountSid: string;
  kind: 'recording' | 'composition';
  sid: string;
}

export interface MediaLink {
  target: MediaTarget;
  contentDisposition: string;
  expiresAt: number;
}

/** The path media links live under, beside the control API (a roomlab extension: Twilio links to its storage). */
export const mediaLinkPrefix = '/_roomlab/media/';

export interface MediaLinks {
  /** A fresh link (a path under `mediaLinkPrefix`) to `target`'s file, valid for `ttlSeconds`. */
  create(target: MediaTarget, options: { ttlSeconds: number; contentDisposition: string }): string;
  /** The link a path names: undefined when there is none, `expired` when its time is up. */
  resolve(path: string): MediaLink | 'expired' | undefined;
}

/**
 * Expiring links to media files, as Twilio's `/Media` redirects hand out (Twilio's point to its storage,
 * signed for `Ttl` seconds). Links live in memory on the emulator's clock; expired ones are forgotten (an
 * hour later) as new ones are made, so the table holds at most two hours' worth of links.
 */
export function mediaLinks(clock: Clock, newToken: () => string = () => crypto.randomUUID()): MediaLinks {
  const links = new Map<string, MediaLink>();
  // An expired link is kept for an hour more, so it can still be told apart from one never made.
  const forgetExpired = () => {
    const now = clock.now();
    for (const [token, link] of links) if (link.expiresAt + 3_600_000 <= now) links.delete(token);
  };
  return {
    create(target, options) {
      forgetExpired();
      const token = newToken();
      links.set(token, {
        target: { ...target },
        contentDisposition: options.contentDisposition,
        expiresAt: clock.now() + options.ttlSeconds * 1000,
      });
      return mediaLinkPrefix + token;
    },
    resolve(path) {
      if (!path.startsWith(mediaLinkPrefix)) return undefined;
      const link = links.get(path.slice(mediaLinkPrefix.length));
      if (!link) return undefined;
      return link.expiresAt <= clock.now() ? 'expired' : link;
    },
  };
}
