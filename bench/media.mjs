// roomlab's media bench: the SFU's extra CPU per recorded track (sfu-cpu.mjs), and how long a
// two-person composition takes as a multiple of real time (composition-time.mjs), each beside a
// reference measured in the same run. `node bench/run.mjs` runs it after the HTTP sections; alone:
// `node bench/media.mjs [--quick]` (needs a built emulator, and ffmpeg as compositions find it).
//
// ffmpeg is found with the emulator's own locator, imported from its built files
// (packages/emulator/dist/media-tools/ffmpeg.js: not a public export), so the bench uses the ffmpeg
// compositions use: the optional dependency @ffmpeg-installer/ffmpeg, else ffmpeg on PATH.
import { pathToFileURL } from 'node:url';
import { locateFfmpeg } from '../packages/emulator/dist/media-tools/ffmpeg.js';
import { benchComposition } from './composition-time.mjs';
import { machine, num, table } from './report.mjs';
import { benchSfuCpu } from './sfu-cpu.mjs';

const settings = {
  full: { participants: 4, rounds: 5, phaseMs: 6000, settleMs: 1500, compositionSeconds: 60, repeats: 2 },
  quick: { participants: 2, rounds: 1, phaseMs: 3000, settleMs: 1500, compositionSeconds: 10, repeats: 1 },
};

const percent = (round) => ((round.userMs + round.systemMs) / round.wallMs) * 100;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What the recordings hold, per kind: all completed, and their bitrate beside the clip's. */
function checkRecordings(recordings, clips) {
  return ['audio', 'video'].map((kind) => {
    const ofKind = recordings.filter((recording) => recording.kind === kind);
    const completed = ofKind.filter((recording) => recording.status === 'completed');
    const failed = ofKind.filter((recording) => recording.status !== 'completed');
    const seconds = completed.reduce((sum, recording) => sum + recording.duration, 0);
    const bytes = completed.reduce((sum, recording) => sum + recording.size, 0);
    const first = ofKind[0] ?? {};
    return {
      kind,
      failed,
      line:
        `${ofKind.length} ${kind} (${first.codec} in ${first.containerFormat}), ` +
        `${completed.length} completed, ${num((bytes * 8) / seconds / 1000)} kbps ` +
        `(the clip sends ${num(clips[kind].kbps)} kbps)`,
    };
  });
}

async function reportSfuCpu(ffmpeg, setup) {
  const { clips, trackCount, results, recordings } = await benchSfuCpu({ ffmpeg, ...setup });
  const [forwarding, ...recorded] = results;
  const reference = forwarding.rounds.map(percent);
  const perForwardedTrack = mean(reference) / trackCount;
  console.log(
    `3. SFU CPU per recorded track: ${setup.participants} werift publishers, each sending Opus audio` +
      ` (${num(clips.audio.kbps)} kbps) and VP8 video (640x360, ${num(clips.video.kbps)} kbps),` +
      `\n   and one subscriber of all ${trackCount} tracks, over 127.0.0.1; the SFU process's CPU in each` +
      ` phase, ${setup.rounds} round(s) of ${num(setup.phaseMs / 1000)} s per phase\n`,
  );
  const forwarded = (rounds) => num(mean(rounds.map((round) => round.forwardedPerSecond)));
  const rows = [
    [
      'forwarding only (reference)',
      num(mean(reference), 1),
      'none',
      '',
      '',
      '',
      forwarded(forwarding.rounds),
    ],
  ];
  for (const { phase, rounds } of recorded) {
    // Each round's extra against the same round's reference, per recorded track.
    const extras = rounds.map((round, i) => (percent(round) - reference[i]) / setup.participants);
    rows.push([
      phase.name,
      num(mean(rounds.map(percent)), 1),
      `${setup.participants} ${phase.recorded}`,
      num(median(extras), 2),
      `${num(Math.min(...extras), 2)} to ${num(Math.max(...extras), 2)}`,
      `${num(median(extras) / perForwardedTrack, 2)}×`,
      forwarded(rounds),
    ]);
  }
  table(
    [
      'phase',
      'SFU CPU %',
      'tracks recorded',
      'extra CPU % per recorded track',
      'rounds',
      '÷ forwarding a track',
      'forwarded pkt/s',
    ],
    rows,
  );
  console.log(
    "\n   CPU % = the SFU process's user + system CPU time ÷ wall time (100 = one core busy), mean of rounds." +
      '\n   extra CPU % per recorded track = (phase − forwarding only, in the same round) ÷ tracks recorded;' +
      ' the median of rounds, and their range.' +
      `\n   ÷ forwarding a track: that extra in units of forwarding one track (received and sent to one` +
      ` subscriber), ${num(perForwardedTrack, 2)} % here.`,
  );
  const checks = checkRecordings(recordings, clips);
  console.log(`   recordings made (with the warm-up's): ${checks.map((check) => check.line).join('; ')}`);
  for (const { kind, failed } of checks)
    if (failed.length > 0) {
      const why = failed[0].failure?.message ?? failed[0].status;
      console.error(`   ${failed.length} ${kind} recording(s) did not complete; the first: ${why}`);
      process.exitCode = 1;
    }
}

async function reportComposition(ffmpeg, { compositionSeconds: seconds, repeats }) {
  const formats = ['mp4', 'webm'];
  const { recordingsSeconds, rows } = await benchComposition({ ffmpeg, seconds, formats, repeats });
  console.log(
    `\n4. A ${seconds} s grid composition of two participants (each a 640x480 VP8 test pattern and Opus` +
      ' silence), 640x480, every audio source,\n   through REST (POST /v1/Compositions until GET says' +
      ' completed), beside ffmpeg alone transcoding one participant to the same codecs\n',
  );
  table(
    ['format', 'ffmpeg alone s', '× real time', 'composition s', '× real time', 'composition ÷ ffmpeg alone'],
    rows.map(({ format, reference, composition }) => [
      format === 'mp4' ? 'mp4 (H.264 + AAC)' : 'webm (VP8 + Opus)',
      num(reference, 1),
      num(reference / seconds, 2),
      num(composition, 1),
      num(composition / seconds, 2),
      `${num(composition / reference, 2)}×`,
    ]),
  );
  console.log(
    `\n   × real time = seconds taken ÷ ${seconds} s of media (below 1: faster than real time); the fastest` +
      ` of ${repeats} run(s) of each, alternated.` +
      `\n   Writing the room's four recordings first (two ${seconds} s test patterns with ffmpeg, two of silence)` +
      ` took ${num(recordingsSeconds, 1)} s.`,
  );
}

export async function benchMedia({ quick }) {
  const setup = settings[quick ? 'quick' : 'full'];
  const ffmpeg = await locateFfmpeg();
  if (!ffmpeg) {
    console.error(
      'the media bench needs ffmpeg: install the optional dependency @ffmpeg-installer/ffmpeg or put ffmpeg on PATH',
    );
    process.exitCode = 1;
    return;
  }
  await reportSfuCpu(ffmpeg, setup);
  await reportComposition(ffmpeg, setup);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  console.log(`roomlab media bench: ${machine()}${quick ? ', quick' : ''}\n`);
  await benchMedia({ quick });
}
