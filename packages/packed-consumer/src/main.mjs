// The packed-consumer test: packs every public package, installs the tarballs into a new project outside
// the workspace (offline, from the store the workspace's install filled), then typechecks the READMEs'
// example files under nodenext and bundler resolution, runs them under vitest, and the jest example
// under jest. What the workspace's own tests cannot see (they resolve `roomlab-source` to src/) fails here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { userTools, write, writeManifest, writeTsconfigs } from './consumer-project.mjs';
import { forJest } from './jest-example.mjs';
import { metadataCacheFromLockfile } from './lockfile-registry.mjs';
import { packPackage } from './pack.mjs';
import { readmeExamples } from './readme-examples.mjs';
import { run } from './run.mjs';
import { tarballProblems } from './tarball-check.mjs';
import { typecheck } from './typecheck.mjs';
import { installedVersion, pnpm, publicPackages, root, storeDir } from './workspace.mjs';

const started = Date.now();
const step = (/** @type {string} */ what) =>
  console.log(`packed-consumer: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const work = mkdtempSync(join(tmpdir(), 'roomlab-packed-'));
const consumer = join(work, 'consumer');
const node = (/** @type {string[]} */ args) => run(process.execPath, args, { cwd: consumer });

try {
  const packages = publicPackages();
  mkdirSync(join(work, 'tarballs'));
  const tarballs = Object.fromEntries(
    packages.map((pkg) => [pkg.name, packPackage(pkg, join(work, 'tarballs'))]),
  );
  const problems = Object.entries(tarballs).flatMap(([name, tarball]) =>
    tarballProblems(tarball).map((problem) => `${name}: ${problem}`),
  );
  if (problems.length > 0)
    throw new Error(`the packed packages are not what a user should get:\n${problems.join('\n')}`);
  step(`packed ${packages.map((pkg) => pkg.name).join(', ')}`);

  const tools = Object.fromEntries(userTools.map((name) => [name, installedVersion(name)]));
  writeManifest(
    consumer,
    Object.fromEntries(Object.entries(tarballs).map(([name, { tarball }]) => [name, tarball])),
    tools,
  );
  const cacheDir = join(work, 'pnpm-cache');
  metadataCacheFromLockfile(join(root, 'pnpm-lock.yaml'), cacheDir);
  pnpm(['install', '--offline', '--store-dir', storeDir(), '--cache-dir', cacheDir], consumer);
  step(`installed offline in ${consumer}`);

  const examples = packages.flatMap((pkg) =>
    readmeExamples(readFileSync(join(pkg.dir, 'README.md'), 'utf8')).map((file) => ({
      ...file,
      path: `${basename(pkg.dir)}/${file.path}`,
    })),
  );
  const jestFiles = examples.filter((file) => /\/jest\.(config|setup)\.mjs$/.test(file.path));
  const testFiles = examples.filter((file) => /\.test\.ts$/.test(file.path));
  const programs = examples.filter((file) => !jestFiles.includes(file) && !testFiles.includes(file));
  for (const file of [...testFiles, ...programs]) write(consumer, file.path, file.code);
  step(`extracted ${examples.map((file) => file.path).join(', ')}`);

  for (const tsconfig of writeTsconfigs(
    consumer,
    [...testFiles, ...programs].map((file) => file.path),
  )) {
    typecheck(consumer, tsconfig);
    step(`typechecked with ${tsconfig}`);
  }

  const runner = 'run-examples.test.mjs';
  write(
    consumer,
    runner,
    `import { test } from 'vitest';\n\n${programs.map((file) => `test('${file.path} runs', () => import('./${file.path}'));\n`).join('')}`,
  );
  const include = [...testFiles.map((file) => file.path), runner];
  write(consumer, 'vitest.config.mjs', `export default { test: { include: ${JSON.stringify(include)} } };\n`);
  node([join('node_modules', 'vitest', 'vitest.mjs'), 'run']);
  step(`ran ${include.join(', ')} under vitest`);

  if (jestFiles.length !== 2)
    throw new Error(
      `expected the testing README's jest.config.mjs and jest.setup.mjs, found: ${jestFiles.map((file) => file.path)}`,
    );
  for (const file of jestFiles) write(consumer, `jest/${basename(file.path)}`, file.code);
  const jestTests = testFiles.filter((file) => file.path.endsWith('/readme.test.ts'));
  for (const file of jestTests)
    write(consumer, `jest/${basename(file.path, '.ts')}.mjs`, forJest(consumer, file.code));
  node([
    '--experimental-vm-modules',
    join('node_modules', 'jest', 'bin', 'jest.js'),
    '-c',
    join('jest', 'jest.config.mjs'),
  ]);
  step(`ran ${jestTests.map((file) => file.path).join(', ')} under jest`);
  rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(
    `packed-consumer: FAILED; the project is kept in ${work}\n`,
    error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
}
