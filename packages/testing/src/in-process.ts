import type { Emulator } from '@roomlab/emulator';
import { startInProcess, twilioHandlersWhile } from '@roomlab/emulator/msw';
import { serveLoopbackSignaling } from './loopback-signaling.js';
import { answerThrough, type MswServer } from './msw-composition.js';

export interface InProcessAnswering {
  signalingUrl: string;
  /** Lets requests to one of roomlab's loopback servers through the app's msw server. */
  letThrough(url: string): void;
  close(): Promise<void>;
}

/**
 * Answers Twilio's hosts in this process from `emulator`: through the app's msw server when given
 * one, otherwise through an msw server of roomlab's own (which refuses to run beside another).
 */
export async function answerInProcess(emulator: Emulator, msw?: MswServer): Promise<InProcessAnswering> {
  const hosts = new Set<string>();
  // Either way, stopping closes the emulator too (as startInProcess's close() does).
  const stopAnswering = msw
    ? closing(
        emulator,
        answerThrough(
          msw,
          { handle: emulator.handle, passes: (url) => hosts.has(url.host) },
          twilioHandlersWhile,
        ),
      )
    : startInProcess({ emulator }).close;
  const signaling = await serveLoopbackSignaling(emulator);
  const letThrough = (url: string) => hosts.add(new URL(url).host);
  letThrough(signaling.signalingUrl);
  return {
    signalingUrl: signaling.signalingUrl,
    letThrough,
    async close() {
      await signaling.close();
      stopAnswering();
      // As a server's close() does: recordings still being written are finished, then the files go.
      await emulator.mediaStorage.close();
    },
  };
}

const closing = (emulator: Emulator, undo: () => void) => () => {
  undo();
  emulator.close();
};
