import { describe, expect, it } from 'vitest';
import { mergedById, mergedByNumber } from './merge-lists.js';

describe('merging what the stream and a refetch bring', () => {
  it('orders by number, keeps the newer copy of a repeated item, and keeps the newest few', () => {
    const list = [
      { n: 1, v: 'a' },
      { n: 3, v: 'c' },
    ];
    const merged = mergedByNumber(
      list,
      [
        { n: 2, v: 'b' },
        { n: 3, v: 'C' },
        { n: 4, v: 'd' },
      ],
      (each) => each.n,
      3,
    );
    expect(merged).toEqual([
      { n: 2, v: 'b' },
      { n: 3, v: 'C' },
      { n: 4, v: 'd' },
    ]);
  });

  it('replaces an item by id where it stands, and adds a new one last', () => {
    const merged = mergedById(
      [
        { id: 'x', v: 1 },
        { id: 'y', v: 1 },
      ],
      [
        { id: 'z', v: 1 },
        { id: 'x', v: 2 },
      ],
      (each) => each.id,
    );
    expect(merged).toEqual([
      { id: 'x', v: 2 },
      { id: 'y', v: 1 },
      { id: 'z', v: 1 },
    ]);
  });
});
