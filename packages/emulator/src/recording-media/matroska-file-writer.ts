import { open } from 'node:fs/promises';
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
 * Puts what werift's WebM writer emits into a file: opened once and written in batches of up to 64 KiB
 * (werift's saveToFileSystem reopens the file for every block), so at most that much media is ever in
 * memory. Closing writes in place what only the end knows:
 * - the Segment's size (werift's replaceSegmentSize counts the size field itself in, which puts the
 *   Segment's end a few bytes past the file's);
 * - each Cluster's size (werift leaves them unknown, which a Segment of known size may not contain:
 *   ffmpeg reports it as an error);
 * - the Duration.
 */
export interface MatroskaFileWriter {
  /** The next piece of werift's output. */
  save(output: WebmOutput): Promise<void>;
  /** Completes and closes the file (call once, after werift's end of file). Resolves to its size. */
  close(durationMs: number): Promise<number>;
}

const batchBytes = 64 * 1024;
const clusterIdLength = 4;

export function matroskaFileWriter(file: string): MatroskaFileWriter {
  // Settled either way at once: a failure to open is thrown where the file is first written.
  const opened = open(file, 'w').then(
    (handle) => ({ handle }),
    (error: unknown) => ({ error }),
  );
  const handle = async () => {
    const result = await opened;
    if ('error' in result) throw result.error;
    return result.handle;
  };
  const pending: Uint8Array[] = [];
  let flushed = 0;
  let position = 0;
  /** Where each cluster starts, then where the cues start (the last cluster's end). */
  const clusterBounds: number[] = [];

  const writeAt = async (at: number, data: Uint8Array) => {
    const { bytesWritten } = await (await handle()).write(data, 0, data.length, at);
    if (bytesWritten !== data.length)
      throw new Error(`${file}: wrote ${bytesWritten} of ${data.length} bytes`);
  };
  const flush = async () => {
    const batch = Buffer.concat(pending.splice(0));
    await writeAt(flushed, batch);
    flushed += batch.length;
  };

  return {
    async save(output) {
      if (output.kind === 'cluster' || output.kind === 'cuePoints') clusterBounds.push(position);
      if (output.saveToFile) {
        pending.push(output.saveToFile);
        position += output.saveToFile.length;
      }
      if (position - flushed >= batchBytes) await flush();
    },
    async close(durationMs) {
      const fileHandle = await handle();
      try {
        await flush();
        await writeAt(DurationPosition, build(element(ID.Duration, float(durationMs))));
        await writeAt(SegmentSizePosition, elementSize(position - SegmentSizePosition - 8));
        for (const [i, start] of clusterBounds.slice(0, -1).entries()) {
          const sizeAt = start + clusterIdLength;
          await writeAt(sizeAt, elementSize((clusterBounds[i + 1] ?? position) - sizeAt - 8));
        }
        return position;
      } finally {
        await fileHandle.close();
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
