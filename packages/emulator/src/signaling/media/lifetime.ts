/**
 * The owner of timers and subscriptions: whatever a connection or a forward starts is registered with
 * its lifetime, and ending the lifetime (the participant left, the SFU closed) clears it all at once,
 * so nothing fires for a participant who is gone.
 */
export interface Lifetime {
  /** True once ended: no timer of it fires any more, and every release has run. */
  readonly ended: boolean;
  /** Runs `run` once after `ms`, unless the lifetime ends first. Returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
  /**
   * Calls `release` (an unsubscribe, a close) when the lifetime ends, or at once if it has ended.
   * Returns a function that releases early.
   */
  own(release: () => void): () => void;
  /** Releases what it owns, the last owned first (as a stack unwinds: a connection closes after its parts). */
  end(): void;
}

export function createLifetime(): Lifetime {
  const releases: (() => void)[] = [];
  let ended = false;

  const own = (release: () => void) => {
    if (ended) {
      release();
      return () => undefined;
    }
    let released = false;
    const once = () => {
      if (released) return;
      released = true;
      releases.splice(releases.indexOf(once), 1);
      release();
    };
    releases.push(once);
    return once;
  };

  return {
    get ended() {
      return ended;
    },
    after(ms, run) {
      const timer = setTimeout(() => {
        forget();
        run();
      }, ms);
      const forget = own(() => clearTimeout(timer));
      return forget;
    },
    own,
    end() {
      ended = true;
      // Every release runs even if one throws (a connection must close whatever its parts do).
      const errors: unknown[] = [];
      for (const release of [...releases].reverse()) {
        try {
          release();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'releasing a lifetime failed');
    },
  };
}
