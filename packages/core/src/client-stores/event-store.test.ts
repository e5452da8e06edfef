import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { eventStore, refreshSource } from './event-store.js';

class FakePublication extends EventEmitter {
  isTrackEnabled = true;
}

describe('eventStore', () => {
  it('re-reads on its events only, tells listeners only on a real change, and listens only while read', () => {
    const publication = new FakePublication();
    const store = eventStore(publication, ['trackEnabled', 'trackDisabled'], (p) => p.isTrackEnabled);
    let told = 0;
    const stop = store.subscribe(() => told++);
    publication.isTrackEnabled = false;
    publication.emit('trackDisabled');
    publication.emit('trackDisabled');
    publication.emit('somethingElse');
    expect([store.getSnapshot(), told]).toEqual([false, 1]);
    stop();
    expect(publication.eventNames()).toEqual([]);
  });

  it('keeps an equal array identical', () => {
    const participant = Object.assign(new EventEmitter(), { tracks: new Map([['MT1', { sid: 'MT1' }]]) });
    const store = eventStore(participant, ['trackPublished'], (p) => [...p.tracks.values()]);
    const stop = store.subscribe(() => {});
    const first = store.getSnapshot();
    participant.emit('trackPublished');
    expect(store.getSnapshot()).toBe(first);
    participant.tracks.set('MT2', { sid: 'MT2' });
    participant.emit('trackPublished');
    expect(store.getSnapshot().map((t) => t.sid)).toEqual(['MT1', 'MT2']);
    stop();
  });

  it('re-reads every store of a source on refreshSource, for changes the SDK makes without an event', () => {
    const participant = Object.assign(new EventEmitter(), { tracks: new Map([['MT1', { sid: 'MT1' }]]) });
    const sids = eventStore(participant, ['trackPublished'], (p) => [...p.tracks.keys()]);
    const count = eventStore(participant, ['trackPublished'], (p) => p.tracks.size);
    let told = 0;
    const stops = [sids.subscribe(() => told++), count.subscribe(() => told++)];
    participant.tracks.delete('MT1'); // as LocalParticipant.unpublishTrack does, silently
    refreshSource(participant);
    expect([sids.getSnapshot(), count.getSnapshot(), told]).toEqual([[], 0, 2]);
    for (const stop of stops) stop();
    participant.tracks.set('MT2', { sid: 'MT2' });
    refreshSource(participant);
    expect([count.getSnapshot(), told]).toEqual([0, 2]);
  });
});
