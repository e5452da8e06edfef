import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where `roomlab start` keeps its local CA: `<data-dir>/ca` when a data directory is given, else
 * `$XDG_STATE_HOME/roomlab/ca` (`~/.local/state/roomlab/ca` by default), so it outlives each run and
 * apps trust it once.
 */
export function caDirectory(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (dataDir) return join(dataDir, 'ca');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'roomlab', 'ca');
}
