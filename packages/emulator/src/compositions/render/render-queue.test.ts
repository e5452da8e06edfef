import { describe, expect, it } from 'vitest';
import { createRenderQueue } from './render-queue.js';

/** A task that records when it starts and ends, and finishes when told. */
function controlledTask(log: string[], name: string) {
  let finish = () => {};
  const task = () =>
    new Promise<string>((resolve) => {
      log.push(`start ${name}`);
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
    });
  return { task, finish: () => finish() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createRenderQueue', () => {
  it('runs at most `concurrency` tasks at once, the rest in order as places free', async () => {
    const log: string[] = [];
    const queue = createRenderQueue(2);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => controlledTask(log, name));
    const results = [a, b, c].map((controlled) => queue.run(controlled?.task ?? (async () => '')));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b?.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    a?.finish();
    c?.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('drops a waiting task whose signal aborts, and frees its place for the next', async () => {
    const log: string[] = [];
    const queue = createRenderQueue(1);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => controlledTask(log, name));
    const controller = new AbortController();
    const first = queue.run(a?.task ?? (async () => ''));
    const dropped = queue.run(b?.task ?? (async () => ''), controller.signal);
    const third = queue.run(c?.task ?? (async () => ''));
    controller.abort(new Error('cancelled'));
    await expect(dropped).rejects.toThrow('cancelled');
    a?.finish();
    await first;
    await settle();
    c?.finish();
    expect(await third).toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start c', 'end c']);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => createRenderQueue(0)).toThrow(RangeError);
  });
});
