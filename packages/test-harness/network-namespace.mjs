// WebRTC in tests may flow only inside a network namespace the test run makes (see the project's
// ENVIRONMENT notes): Chromium never offers loopback candidates, and on the host it would offer the
// machine's own address. A veth pair with a default route gives Chromium and the media server an
// address that exists nowhere else, so no packet leaves the namespace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const setUp = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  'ip addr add 198.18.0.1/24 dev v0',
  'ip addr add 198.18.0.2/24 dev v1',
  'ip link set v0 up',
  'ip link set v1 up',
  'ip route add default via 198.18.0.2 dev v0',
].join(' && ');

/** @type {typeof import('./types/index.js').runInNetworkNamespace} */
export const runInNetworkNamespace = async (script, options) => {
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['-n', 'sh', '-c', `${setUp} && exec "${process.execPath}" "${script}"`],
    { env: { ...process.env, ...options.env }, timeout: options.timeoutMs },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
};
