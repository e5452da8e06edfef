import type { MediaLevels, NetworkQualityLevels, RemoteReportLevel, ReportLevel } from '@roomlab/core';

/**
 * A participant's levels in the shape the SDK reads at a verbosity above 1: at 2 each medium's send
 * and receive levels (the SDK's stats then have null sendStats/recvStats); at 3 also the stats behind them.
 */
function detailed(levels: NetworkQualityLevels, verbosity: 2 | 3) {
  const medium = ({ send, recv, sendStats, recvStats }: MediaLevels) =>
    verbosity === 3 ? { send, recv, sendStats, recvStats } : { send, recv };
  return { level: levels.level, audio: medium(levels.audio), video: medium(levels.video) };
}

export interface NetworkQualityAnswerOptions {
  local: NetworkQualityLevels;
  remotes: { sid: string; levels: NetworkQualityLevels }[];
  reportLevel: ReportLevel;
  remoteReportLevel: RemoteReportLevel;
}

/**
 * The body of the answer to a client's `network_quality` report (the SDK's NetworkQualitySignaling):
 * `local` is the level alone at verbosity 1, else an object; `remotes` is left out at remote verbosity 0.
 */
export function networkQualityAnswer(options: NetworkQualityAnswerOptions): Record<string, unknown> {
  const { local, reportLevel, remoteReportLevel } = options;
  const remote = (levels: NetworkQualityLevels) =>
    remoteReportLevel === 1 ? { level: levels.level } : detailed(levels, remoteReportLevel as 2 | 3);
  return {
    local: reportLevel === 1 ? local.level : detailed(local, reportLevel),
    ...(remoteReportLevel === 0
      ? {}
      : { remotes: options.remotes.map(({ sid, levels }) => ({ sid, ...remote(levels) })) }),
  };
}
