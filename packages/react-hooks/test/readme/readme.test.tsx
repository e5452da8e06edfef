import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Just enough of the SDK for the README's app: one remote participant with a camera, a refused microphone. */
const sdk = vi.hoisted(() => {
  class Emitter {
    private listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    on(event: string, listener: (...args: unknown[]) => void) {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener);
      this.listeners.set(event, set);
      return this;
    }
    off(event: string, listener: (...args: unknown[]) => void) {
      this.listeners.get(event)?.delete(listener);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    }
  }
  const attached = new Set<HTMLMediaElement>();
  const camera = Object.assign(new Emitter(), {
    kind: 'video',
    attach: (element: HTMLMediaElement) => attached.add(element) && element,
    detach: (element: HTMLMediaElement) => attached.delete(element) && element,
  });
  const publication = Object.assign(new Emitter(), { trackSid: 'MT1', kind: 'video', track: camera });
  const alice = Object.assign(new Emitter(), {
    sid: 'PA1',
    identity: 'alice',
    tracks: new Map([['MT1', publication]]),
  });
  const local = Object.assign(new Emitter(), {
    sid: 'PA0',
    identity: 'me',
    tracks: new Map(),
    publishTrack: async () => ({}),
    unpublishTrack: () => undefined,
  });
  const room = Object.assign(new Emitter(), {
    sid: 'RM1',
    name: 'standup',
    state: 'connected',
    participants: new Map([['PA1', alice]]),
    localParticipant: local,
    dominantSpeaker: null,
    isRecording: false,
    disconnect: vi.fn(),
  });
  const refusal = Object.assign(new Error('Permission denied by the user'), { name: 'NotAllowedError' });
  return {
    room,
    attached,
    connect: vi.fn(async () => room),
    createLocalAudioTrack: vi.fn(async () => Promise.reject(refusal)),
  };
});

vi.mock('twilio-video', () => ({ connect: sdk.connect, createLocalAudioTrack: sdk.createLocalAudioTrack }));

const { Call } = await import('./call.js');

// vitest runs in the package's folder (happy-dom gives import.meta.url an http: scheme).
const packageRoot = process.cwd();

afterEach(cleanup);

describe("the README's example", () => {
  it('is the code the README shows', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const shown = /## A small video app\n\n```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
    const file = readFileSync(join(packageRoot, 'test/readme/call.tsx'), 'utf8');
    const example = file
      .slice(file.indexOf('\n') + 1)
      .trimStart()
      .replace("'../../src/index.js'", "'@roomlab/react-hooks'");
    expect(shown).toBe(example);
  });

  it('connects, shows the remote participant with video, reports a refused microphone, and leaves on unmount', async () => {
    const view = render(<Call token="a-token" />);
    await act(async () => {});
    expect(sdk.connect).toHaveBeenCalledWith('a-token', { name: 'standup', audio: true, video: true });
    expect(screen.getByText('connected')).toBeDefined();
    expect(screen.getByText('alice')).toBeDefined();
    expect([...sdk.attached].map((element) => element.tagName)).toEqual(['VIDEO']);
    await act(async () => fireEvent.click(screen.getByText('Unmute')));
    expect(screen.getByRole('alert').textContent).toBe('Permission denied by the user');
    view.unmount();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(sdk.room.disconnect).toHaveBeenCalledTimes(1);
    expect(sdk.attached.size).toBe(0);
  });
});
