import { type FileHandle, open } from 'node:fs/promises';
import {
  build,
  DurationPosition,
  element,
  float,
  ID,
  SegmentSizePosition,
  type WebmOutput,
} from 'werift/nonstandard';

/**
 * Puts what werift's WebM writer emits into a file: taken as it comes, written in batches of 64 KiB
 * (werift's saveToFileSystem reopens the file for every block), so at most that much media waits in
 * memory while the disk keeps up. Closing writes in place what only the end knows:
 * - the Segment's size (werift's replaceSegmentSize counts the size field itself in, which puts the
 *   Segment's end a few bytes past the file's);
 * - each Cluster's size (werift leaves them unknown, which a Segment of known size may not contain:
 *   ffmpeg reports it as an error);
 * - the Duration.
 */
export interface MatroskaFileWriter {
  /** The next piece of werift's output. */
  save(output: WebmOutput): void;
  /**
   * Completes and closes the file (once, after werift's end of file). Resolves to its size; rejects
   * with the first write that failed.
   */
  close(durationMs: number): Promise<number>;
}

const batchBytes = 64 * 1024;
const clusterIdLength = 4;

/** `onError`: told of the first write that fails, when it fails (nothing more is written after it). */
export function matroskaFileWriter(file: string, onError?: (error: unknown) => void): MatroskaFileWriter {
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    onError?.(error);
  };
  let handle: FileHandle | undefined;
  /** Opening, then the batches one after the other, in order. A failure is kept to throw from close(). */
  let writing = open(file, 'w').then((opened) => {
    handle = opened;
  }, fail);
  const pending: Uint8Array[] = [];
  let batched = 0;
  let position = 0;
  /** Where each cluster starts, then where the cues start (the last cluster's end). */
  const clusterBounds: number[] = [];

  const writeAt = async (at: number, data: Uint8Array) => {
    if (!handle) throw new Error(`${file} is not open`);
    const { bytesWritten } = await handle.write(data, 0, data.length, at);
    if (bytesWritten !== data.length)
      throw new Error(`${file}: wrote ${bytesWritten} of ${data.length} bytes`);
  };
  const writeBatch = () => {
    const [at, batch] = [batched, Buffer.concat(pending.splice(0))];
    batched += batch.length;
    // After a failure nothing more is written: close() reports it.
    writing = writing.then(() => (failure ? undefined : writeAt(at, batch))).catch(fail);
  };

  return {
    save(output) {
      if (output.kind === 'cluster' || output.kind === 'cuePoints') clusterBounds.push(position);
      if (!output.saveToFile) return;
      pending.push(output.saveToFile);
      position += output.saveToFile.length;
      if (position - batched >= batchBytes) writeBatch();
    },
    async close(durationMs) {
      writeBatch();
      await writing;
      try {
        if (failure) throw failure.error;
        await writeAt(DurationPosition, build(element(ID.Duration, float(durationMs))));
        await writeAt(SegmentSizePosition, elementSize(position - SegmentSizePosition - 8));
        for (const [i, start] of clusterBounds.slice(0, -1).entries()) {
          const sizeAt = start + clusterIdLength;
          await writeAt(sizeAt, elementSize((clusterBounds[i + 1] ?? position) - sizeAt - 8));
        }
        return position;
      } finally {
        await handle?.close();
      }
    },
  };
}

/** An element size where werift left room for an unknown one: 8 bytes, a length marker and 7 of size. */
function elementSize(size: number): Buffer {
  const field = Buffer.alloc(8);
  field.writeUIntBE(size, 2, 6);
  field[0] = 0x01;
  return field;
}
