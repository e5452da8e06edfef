// Run by cli-imports.test.ts in a fresh Node process: the CLI's main() as bin/roomlab.js runs it, with
// the arguments given; once it is listening, a line `loaded [...]` names the npm packages it loaded, a
// line `modules [...]` their modules, a line `resolved [...]` the packages it loaded from their own
// files (not bundled), and the process stops as on Ctrl-C. A start that fails exits with the CLI's code.
import { loadedModules, loadedPackages, resolvedPackages } from './loaded-packages.mjs';

// The CLI as bin/roomlab.js runs it: the bundle scripts/bundle-cli.mjs makes.
const { main } = await import('../../dist/cli-bundle/cli.js');
const log = console.log;
const listening = new Promise((resolve) => {
  console.log = (...args) => {
    log(...args);
    if (String(args[0]).startsWith('roomlab listening on')) resolve(undefined);
  };
});
const failed = await Promise.race([listening, main(process.argv.slice(2))]);
console.log = log;
if (failed !== undefined) process.exit(failed);
log(`loaded ${JSON.stringify(await loadedPackages())}`);
log(`modules ${JSON.stringify(await loadedModules())}`);
log(`resolved ${JSON.stringify(await resolvedPackages())}`);
process.kill(process.pid, 'SIGINT');
