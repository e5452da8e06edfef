import type { CompositionFormat } from './composition-format.js';
import type { Placement, RenderPlan } from './render-plan.js';

/** Frames per second of the composed video. */
export const compositionFrameRate = 25;

// MP4 is H.264 (yuv420p, moov atom first for streaming) with AAC; WebM is VP8 with Opus.
const encoders: Record<CompositionFormat, readonly string[]> = {
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k'],
  webm: [
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '1M',
    '-c:a',
    'libopus',
    '-b:a',
    '96k',
  ],
};
const muxers: Record<CompositionFormat, readonly string[]> = {
  mp4: ['-movflags', '+faststart', '-f', 'mp4'],
  webm: ['-f', 'webm'],
};

/**
 * ffmpeg's command line for a plan: a black canvas of the resolution, each source scaled to fit its
 * cell and overlaid while it shows, the audio delayed to its place and mixed. Progress goes to stdout.
 */
export function ffmpegArguments(plan: RenderPlan, output: string): string[] {
  const graph = [...videoGraph(plan), ...audioGraph(plan)];
  const maps = [
    ...(plan.video ? ['-map', '[vout]'] : []),
    ...(plan.audio.length > 0 ? ['-map', '[aout]'] : []),
  ];
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'warning', '-progress', 'pipe:1', '-nostats'],
    ...plan.inputs.flatMap((input) => ['-i', input.source.file]),
    ...['-filter_complex', graph.join(';'), ...maps],
    ...encoders[plan.format],
    ...['-t', seconds(plan.durationMs)],
    ...muxers[plan.format],
    output,
  ];
}

function videoGraph(plan: RenderPlan): string[] {
  if (!plan.video) return [];
  const { resolution, placements } = plan.video;
  const size = `${evenDown(resolution.width)}x${evenDown(resolution.height)}`;
  const uses = placements.map((placement, index) => ({ placement, label: `tile${index}` }));
  const feeds = [...new Set(placements.map((placement) => placement.input))].map((input) => {
    const labels = uses.filter((use) => use.placement.input === input).map((use) => `[${use.label}src]`);
    const offset = `setpts=PTS-STARTPTS+${seconds(plan.inputs[input]?.offsetMs ?? 0)}/TB`;
    const fanOut = labels.length > 1 ? `,split=${labels.length}` : '';
    return `[${input}:v]${offset}${fanOut}${labels.join('')}`;
  });
  const overlays = uses.map(({ placement, label }, index) => {
    const { width, height } = placement.rect;
    const fit = `scale=w=${width}:h=${height}:force_original_aspect_ratio=decrease,setsar=1`;
    return `[${label}src]${fit}[${label}];[canvas${index}][${label}]${overlay(placement)}[canvas${index + 1}]`;
  });
  return [
    `color=c=black:s=${size}:r=${compositionFrameRate}:d=${seconds(plan.durationMs)}[canvas0]`,
    ...feeds,
    ...overlays,
    `[canvas${uses.length}]format=yuv420p[vout]`,
  ];
}

/** Centres the scaled source in its cell, only while it shows; after the source ends the canvas shows. */
function overlay(placement: Placement): string {
  const { x, y, width, height } = placement.rect;
  const shows = placement.visible
    .map((interval) => `gte(t,${seconds(interval.startMs)})*lt(t,${seconds(interval.endMs)})`)
    .join('+');
  return `overlay=x='${x}+(${width}-overlay_w)/2':y='${y}+(${height}-overlay_h)/2':eof_action=pass:enable='${shows}'`;
}

function audioGraph(plan: RenderPlan): string[] {
  const count = plan.audio.length;
  if (count === 0) return [];
  const chains = plan.audio.map((input, index) => {
    const delay = Math.round(plan.inputs[input]?.offsetMs ?? 0);
    // async=1 fills the holes a recording has where its sender sent nothing (Opus DTX) with silence.
    const normalise =
      'aresample=48000:async=1,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';
    // Padded with silence to the end, every input stays active, so amix divides by the same count
    // throughout and `volume` restores each voice's level (older ffmpeg's amix has no normalize=0).
    return `[${input}:a]${normalise},adelay=${delay}|${delay},apad[${count === 1 ? 'aout' : `voice${index}`}]`;
  });
  if (count === 1) return chains;
  const voices = plan.audio.map((_, index) => `[voice${index}]`).join('');
  return [
    ...chains,
    `${voices}amix=inputs=${count}:duration=longest:dropout_transition=0,volume=${count}[aout]`,
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** H.264 in 4:2:0 needs even sides; an odd Resolution loses its last column or row. */
function evenDown(side: number): number {
  return side - (side % 2);
}
