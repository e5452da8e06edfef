import { describe, expect, it } from 'vitest';
import { type UpdateChanges, updateBody, updateJson } from './room-state-messages.js';

describe('an update serialized once for a whole room', () => {
  const changes: UpdateChanges[] = [
    {
      participants: [
        {
          sid: 'PA1',
          identity: 'ada "the first" \u2028',
          revision: 3,
          state: 'connected',
          tracks: [{ sid: 'MT1', name: 'camera', kind: 'video', enabled: true, priority: 'standard' }],
        },
      ],
    },
    { recording: { revision: 2, is_recording: true } },
    { published: { revision: 1, tracks: [{ id: 'a', state: 'failed', error: undefined }] } },
  ];

  it.each(changes)('is, for each client, the very text its own update body serializes to', (change) => {
    const update = updateJson(change);
    for (const sessionId of ['RS1', 'RS"2\\'])
      expect(update(sessionId)).toBe(JSON.stringify(updateBody(sessionId, change)));
  });
});
