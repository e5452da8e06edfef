import type { EdgeLocation } from '../engine/records.js';

/**
 * The edge each Twilio region's traffic enters by (Twilio's edge locations: us1 is Ashburn, us2
 * Umatilla, ie1 Dublin, de1 Frankfurt, sg1 Singapore, au1 Sydney, br1 São Paulo, jp1 Tokyo).
 */
const edgeOfRegion: Readonly<Record<string, EdgeLocation>> = {
  us1: 'ashburn',
  us2: 'umatilla',
  ie1: 'dublin',
  de1: 'frankfurt',
  sg1: 'singapore',
  au1: 'sydney',
  br1: 'sao_paulo',
  jp1: 'tokyo',
};

const edges: ReadonlySet<string> = new Set<EdgeLocation>([
  'ashburn',
  'dublin',
  'frankfurt',
  'singapore',
  'sydney',
  'sao_paulo',
  'roaming',
  'umatilla',
  'tokyo',
]);

/**
 * The edge where a region's media servers are reached: a room's `edge_location` from its
 * `media_region` (`gll`, Global Low Latency, is `roaming`); null for a region whose edge Insights does
 * not name (in1).
 */
export function edgeLocationOfRegion(region: string): EdgeLocation | null {
  if (region === 'gll') return 'roaming';
  return edgeOfRegion[region] ?? null;
}

/**
 * The edge a client came through, from the host of the signaling URL it dialled: the SDK's default
 * `global.vss.twilio.com` (Global Low Latency) is `roaming`, `<region>.vss.twilio.com` that region's
 * edge, `<edge>.vss…` that edge. A client sent straight to roomlab (`wsServer`) chose no region: roaming.
 * Null for a region whose edge Insights does not name (in1).
 */
export function edgeLocationOf(signalingHost: string | undefined): EdgeLocation | null {
  const match = /^([a-z0-9_-]+)\.vss\.(?:[a-z0-9-]+\.)?twilio\.com(?::\d+)?$/i.exec(signalingHost ?? '');
  if (!match) return 'roaming';
  const label = (match[1] as string).toLowerCase();
  if (label === 'global' || label === 'gll') return 'roaming';
  if (edges.has(label)) return label as EdgeLocation;
  return edgeOfRegion[label] ?? null;
}
