import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { messageStore } from './message-store.js';

describe('messageStore', () => {
  it('keeps the last messages with their sender, is shared per source, and stops listening when unread', () => {
    const room = new EventEmitter();
    let clock = 1000;
    const store = messageStore(room, 'trackMessage', 2, () => clock++);
    expect(messageStore(room, 'trackMessage', 2)).toBe(store);
    const stop = store.subscribe(() => {});
    room.emit('trackMessage', 'one', 'MT1', 'alice');
    room.emit('trackMessage', 'two', 'MT2', 'bob');
    room.emit('trackMessage', 'three', 'MT1', 'alice');
    expect(store.getSnapshot()).toEqual([
      { data: 'two', receivedAt: 1001, track: 'MT2', participant: 'bob' },
      { data: 'three', receivedAt: 1002, track: 'MT1', participant: 'alice' },
    ]);
    stop();
    expect(room.listenerCount('trackMessage')).toBe(0);
  });
});
