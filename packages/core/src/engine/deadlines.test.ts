import { describe, expect, it } from 'vitest';
import { deadlineQueue } from './deadlines.js';

/** Pops everything: the subjects in the order they come due. */
const drain = (queue: ReturnType<typeof deadlineQueue<string>>) => {
  const order: string[] = [];
  for (let next = queue.pop(); next; next = queue.pop()) order.push(`${next.subject}@${next.at}`);
  return order;
};

describe('the deadline queue', () => {
  it('gives deadlines earliest first, one per subject: setting one again moves it', () => {
    const queue = deadlineQueue<string>((subject) => subject);
    queue.set(30, 'a');
    queue.set(10, 'b');
    queue.set(20, 'c');
    queue.set(40, 'b');
    expect(queue.size).toBe(3);
    expect(queue.peek()).toMatchObject({ at: 20, subject: 'c' });
    expect(drain(queue)).toEqual(['c@20', 'a@30', 'b@40']);
  });

  it('forgets a subject deleted from anywhere in it, and ignores one it does not have', () => {
    const queue = deadlineQueue<string>((subject) => subject);
    for (const [at, subject] of [
      [5, 'a'],
      [1, 'b'],
      [4, 'c'],
      [2, 'd'],
      [3, 'e'],
    ] as const)
      queue.set(at, subject);
    queue.delete('d');
    queue.delete('b');
    queue.delete('nobody');
    expect(drain(queue)).toEqual(['e@3', 'c@4', 'a@5']);
    expect(queue.peek()).toBeUndefined();
  });

  it('stays in order through many sets and deletes, as a sorted list would be', () => {
    const queue = deadlineQueue<string>((subject) => subject);
    const expected = new Map<string, number>();
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let step = 0; step < 2000; step++) {
      const subject = `s${next() % 200}`;
      if (next() % 3 === 0) {
        queue.delete(subject);
        expected.delete(subject);
      } else {
        const at = next() % 10_000;
        queue.set(at, subject);
        expected.set(subject, at);
      }
    }
    expect(queue.size).toBe(expected.size);
    const times = drain(queue).map((entry) => Number(entry.split('@')[1]));
    expect(times).toEqual([...expected.values()].sort((a, b) => a - b));
  });
});
