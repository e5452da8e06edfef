import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import { RtpPacket } from 'werift';
import { requireMediaBinary } from './media-check.js';

/**
 * Real RTP, as a publisher sends it: ffmpeg encodes a test source in real time (`-re`) and packetizes it
 * to a UDP socket on 127.0.0.1, where each packet is parsed and handed to `onRtp` as it arrives.
 * `encode` is ffmpeg's input and codec arguments, e.g. a lavfi source and `-c:v libvpx`.
 */
export async function rtpFromFfmpeg(encode: string[], onRtp: (rtp: RtpPacket) => void): Promise<number> {
  const ffmpeg = await requireMediaBinary('ffmpeg');
  const socket = createSocket('udp4');
  let received = 0;
  socket.on('message', (message) => {
    received++;
    onRtp(RtpPacket.deSerialize(message));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  try {
    const output = ['-payload_type', '96', '-rtpflags', 'skip_rtcp', '-f', 'rtp', `rtp://127.0.0.1:${port}`];
    await promisify(execFile)(ffmpeg, ['-v', 'error', '-re', ...encode, ...output]);
    // The last datagrams are already in the socket's queue: let them be read.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    socket.close();
  }
  return received;
}
