/** The bytes a `Range` header asks for, first and last included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One `bytes=` range of a file of `size` bytes (RFC 9110 §14.1.2): `a-b`, `a-` or the last `-n`.
 * Undefined when there is no header or it is not one such range (several ranges, another unit): the
 * whole file is then the answer, as the RFC allows. `unsatisfiable` when it starts past the end.
 */
export function byteRangeOf(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0
      ? 'unsatisfiable'
      : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  return start >= size ? 'unsatisfiable' : { start, end };
}

/** The part of `body` from `range.start` to `range.end`: what comes before is skipped, the rest not read. */
export function sliceOf(body: ReadableStream<Uint8Array>, range: ByteRange): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const from = Math.max(0, range.start - offset);
      const to = Math.min(value.byteLength, range.end + 1 - offset);
      offset += value.byteLength;
      if (to > from) controller.enqueue(value.subarray(from, to));
      if (offset > range.end) {
        controller.close();
        await reader.cancel();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
