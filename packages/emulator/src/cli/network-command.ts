import { type Command, Option } from 'commander';
import type { ForcedNetwork, NetworkSettings, NetworkState } from '../control/network.js';
import { controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { numberArgument } from './number-argument.js';
import { targetUrl } from './target.js';

interface NetworkOptions {
  level?: number;
  packetLossPercent?: number;
  latencyMs?: number;
  jitterMs?: number;
  bandwidthKbps?: number;
  clear?: boolean;
  url?: string;
}

/** A participant's network as the emulator now has it, in one line. */
function describeNetwork(state: NetworkState): string {
  const conditions = state.conditions ?? {};
  const impairments = [
    conditions.packetLossPercent === undefined ? '' : `${conditions.packetLossPercent}% packet loss`,
    conditions.latencyMs === undefined ? '' : `${conditions.latencyMs} ms latency`,
    conditions.jitterMs === undefined ? '' : `${conditions.jitterMs} ms jitter`,
    conditions.bandwidthKbps === undefined ? '' : `${conditions.bandwidthKbps} kbps`,
  ].filter(Boolean);
  return [
    state.participantSid,
    state.level === null ? 'level not forced' : `level ${state.level}`,
    impairments.length > 0 ? impairments.join(', ') : 'unimpaired',
  ].join('  ');
}

/** `roomlab network` alone: every connected participant whose network is forced, with its room. */
async function listForced(options: NetworkOptions): Promise<CommandResult> {
  const { network } = await controlClient(targetUrl(options.url)).get<{ network: ForcedNetwork[] }>(
    'network',
  );
  const lines = network.map((forced) => `${describeNetwork(forced)}  in ${forced.roomSid}\n`);
  process.stdout.write(lines.length > 0 ? lines.join('') : 'no participant has a forced network\n');
  return succeeded;
}

async function network(participantSid: string, options: NetworkOptions): Promise<CommandResult> {
  const client = controlClient(targetUrl(options.url));
  const query = { ParticipantSid: participantSid };
  const { clear, url: _url, ...flags } = options;
  const settings: NetworkSettings = flags;
  const state = clear
    ? await client.delete<NetworkState>('network', { query })
    : await client.post<NetworkState>('network', { query, body: settings });
  process.stdout.write(`${describeNetwork(state)}\n`);
  return succeeded;
}

const settingFlags = ['level', 'packetLossPercent', 'latencyMs', 'jitterMs', 'bandwidthKbps'];

function declareNetworkFlags(command: Command): void {
  command
    .argument('[ParticipantSid]', "the connected participant's SID, PA... (none: list the forced ones)")
    .option('--level <N>', 'the network quality level to force, 1 to 5', numberArgument)
    .option('--packet-loss-percent <N>', 'share of packets lost, 0 to 100', numberArgument)
    .option('--latency-ms <N>', 'added one-way delay', numberArgument)
    .option('--jitter-ms <N>', 'random variation of the delay', numberArgument)
    .option('--bandwidth-kbps <N>', 'bandwidth cap', numberArgument)
    .addOption(
      new Option('--clear', 'stop forcing the level and clear the impairment').conflicts(settingFlags),
    );
}

/** `roomlab network PA... --level 2`: forces a participant's network (a roomlab command). */
export function addNetworkCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: "force a participant's network quality level, or impair its media path",
    description:
      "Forces a connected participant's network quality level (1 to 5, as it and its room see it) and/or " +
      'impairs its media path both ways (POST /_roomlab/network; see docs/network.md). What is not given ' +
      'stays as it was; --clear removes both. With no participant, lists the forced ones (GET /_roomlab/network).',
    examples: ['roomlab network PAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx --level 2', 'roomlab network'],
  };
  controlCommand(program, 'network', help, declareNetworkFlags).action(
    (participantSid: string | undefined, options: NetworkOptions, self: Command) => {
      const given = options.clear || settingFlags.some((flag) => flag in options);
      if (participantSid === undefined) {
        if (given) self.error("error: missing required argument 'ParticipantSid': whose network to set");
        return finish(listForced(options));
      }
      if (!given)
        self.error(
          'error: give --level and/or an impairment (--packet-loss-percent, --latency-ms, --jitter-ms, --bandwidth-kbps), or --clear',
        );
      finish(network(participantSid, options));
    },
  );
}
