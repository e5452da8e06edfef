/** One server-sent event as a client reads it. */
export interface ReadEvent {
  id: string;
  event: string;
  data: unknown;
}

/**
 * Reads a `text/event-stream` body event by event (comments skipped), as an EventSource would, for
 * tests: `next()` gives the next event, or undefined once the stream has ended.
 */
export function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const parse = (block: string): ReadEvent | undefined => {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      fields[line.slice(0, colon)] = line.slice(colon + 2);
    }
    if (fields.event === undefined) return undefined;
    return { id: fields.id ?? '', event: fields.event, data: JSON.parse(fields.data ?? 'null') };
  };
  return {
    async next(): Promise<ReadEvent | undefined> {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = parse(block);
          if (event) return event;
          continue;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffered += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
