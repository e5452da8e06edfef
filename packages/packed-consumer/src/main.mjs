// The packed-consumer test: packs every public package, installs the tarballs into a new project outside
// the workspace (offline, from the store the workspace's install filled), then typechecks the READMEs'
// example files under nodenext and bundler resolution, runs them under vitest, and the jest example
// under jest; it also starts the packed `roomlab` bin. What the workspace's own tests cannot see (they
// resolve `roomlab-source` to src/) fails here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { userTools, write, writeManifest, writeTsconfigs } from './consumer-project.mjs';
import { stripTypes, typedForJest } from './jest-example.mjs';
import { metadataCacheFromLockfile } from './lockfile-registry.mjs';
import { packPackages } from './pack.mjs';
import { checkPackedCli } from './packed-cli.mjs';
import { readmeExamples } from './readme-examples.mjs';
import { run } from './run.mjs';
import { tarballProblems } from './tarball-check.mjs';
import { typecheck } from './typecheck.mjs';
import { pnpm, publicPackages, root, storeDir } from './workspace.mjs';

const started = Date.now();
const step = (/** @type {string} */ what) =>
  console.log(`packed-consumer: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const work = mkdtempSync(join(tmpdir(), 'roomlab-packed-'));
const consumer = join(work, 'consumer');
const node = (/** @type {string[]} */ args) => run(process.execPath, args, { cwd: consumer });

/** Packs and checks each tarball; @returns the tarballs' paths by package name. */
function pack(/** @type {ReturnType<typeof publicPackages>} */ packages) {
  mkdirSync(join(work, 'tarballs'));
  const packed = packPackages(packages, join(work, 'tarballs'));
  const problems = Object.entries(packed).flatMap(([name, tarball]) =>
    tarballProblems(tarball).map((problem) => `${name}: ${problem}`),
  );
  if (problems.length > 0)
    throw new Error(`the packed packages are not what a user should get:\n${problems.join('\n')}`);
  step(`packed ${Object.keys(packed).join(', ')}`);
  return Object.fromEntries(Object.entries(packed).map(([name, { tarball }]) => [name, tarball]));
}

function install(/** @type {Record<string, string>} */ tarballs) {
  const cacheDir = join(work, 'pnpm-cache');
  const lockedVersion = metadataCacheFromLockfile(join(root, 'pnpm-lock.yaml'), cacheDir);
  writeManifest(consumer, tarballs, Object.fromEntries(userTools.map((name) => [name, lockedVersion(name)])));
  pnpm(['install', '--offline', '--store-dir', storeDir(), '--cache-dir', cacheDir], consumer);
  step(`installed offline in ${consumer}`);
  const emulator = JSON.parse(
    readFileSync(join(consumer, 'node_modules', '@roomlab', 'emulator', 'package.json'), 'utf8'),
  );
  const printed = run(join(consumer, 'node_modules', '.bin', 'roomlab'), ['--version'], {
    cwd: consumer,
  }).trim();
  if (printed !== emulator.version)
    throw new Error(`roomlab --version printed ${printed}, its package is ${emulator.version}`);
  step(`roomlab --version: ${printed}`);
}

/** The READMEs' example files, each under its package's folder name. */
function examples(/** @type {ReturnType<typeof publicPackages>} */ packages) {
  const files = packages.flatMap((pkg) =>
    readmeExamples(readFileSync(join(pkg.dir, 'README.md'), 'utf8')).map((file) => ({
      ...file,
      path: `${basename(pkg.dir)}/${file.path}`,
    })),
  );
  step(`extracted ${files.map((file) => file.path).join(', ')}`);
  const jest = files.filter((file) => /\/jest\.(config|setup)\.mjs$/.test(file.path));
  const tests = files.filter((file) => /\.test\.ts$/.test(file.path));
  const declarations = files.filter((file) => /\.d\.ts$/.test(file.path));
  const programs = files.filter((file) => ![...jest, ...tests, ...declarations].includes(file));
  // The test the jest section shows ("the one above, with jest's globals"), typed and run under jest.
  const jestTests = tests
    .filter((file) => file.path.endsWith('/readme.test.ts'))
    .map((file) => ({ path: `jest-typed/${basename(file.path)}`, code: typedForJest(file.code) }));
  return { jest, tests, declarations, programs, jestTests };
}

async function main() {
  const packages = publicPackages();
  install(pack(packages));
  const checked = await checkPackedCli(join(consumer, 'node_modules', '.bin', 'roomlab'), consumer);
  step(`roomlab start: ${checked.join(', ')}`);
  const { jest, tests, declarations, programs, jestTests } = examples(packages);
  const typed = [...tests, ...declarations, ...programs, ...jestTests];
  for (const file of typed) write(consumer, file.path, file.code);

  const tsconfigs = writeTsconfigs(
    consumer,
    typed.map((file) => file.path),
  );
  await Promise.all(tsconfigs.map((tsconfig) => typecheck(consumer, tsconfig)));
  step(`typechecked with ${tsconfigs.join(', ')}`);

  const runner = 'run-examples.test.mjs';
  const imports = programs.map((file) => `test('${file.path} runs', () => import('./${file.path}'));\n`);
  write(consumer, runner, `import { test } from 'vitest';\n\n${imports.join('')}`);
  const include = [...tests.map((file) => file.path), runner];
  write(consumer, 'vitest.config.mjs', `export default { test: { include: ${JSON.stringify(include)} } };\n`);
  node([join('node_modules', 'vitest', 'vitest.mjs'), 'run']);
  step(`ran ${include.join(', ')} under vitest`);

  if (jest.length !== 2)
    throw new Error(
      `expected the testing README's jest.config.mjs and jest.setup.mjs, found: ${jest.map((file) => file.path)}`,
    );
  for (const file of jest) write(consumer, `jest/${basename(file.path)}`, file.code);
  for (const file of jestTests)
    write(consumer, `jest/${basename(file.path, '.ts')}.mjs`, stripTypes(consumer, file.code));
  node([
    '--experimental-vm-modules',
    join('node_modules', 'jest', 'bin', 'jest.js'),
    '-c',
    join('jest', 'jest.config.mjs'),
  ]);
  step(`ran ${jestTests.map((file) => file.path).join(', ')} under jest`);
}

try {
  await main();
  if (!process.env.ROOMLAB_KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(
    `packed-consumer: FAILED; the project is kept in ${work}\n`,
    error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
}
