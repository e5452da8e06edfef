#!/usr/bin/env node
// A release without publishing: in a temporary copy of the repository (its tracked and new files, as they
// are now; the repository itself is never changed), `changeset version`, a check that the public packages
// got one version, their build, then the packed-consumer test (pack, install, the READMEs' examples)
// against those versions. Run it with `npm run release:dry-run`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const say = (/** @type {string} */ what) =>
  console.log(`release-dry-run: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

/** @param {string} cwd @param {string} command @param {string[]} args */
function run(cwd, command, ...args) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${cwd}`);
}

/** Tracked and untracked-but-not-ignored files: what a commit of the work tree would hold. */
function copyWorkTree(into) {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(repo, file), join(into, file), { verbatimSymlinks: true });
  }
}

/** @param {string} root @returns {Map<string, string>} public package name to version */
function publicVersions(root) {
  const versions = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (!manifest.private) versions.set(manifest.name, manifest.version);
  }
  return versions;
}

const work = mkdtempSync(join(tmpdir(), 'roomlab-release-'));
try {
  copyWorkTree(work);
  const pnpm = (/** @type {string[]} */ ...args) =>
    run(work, process.execPath, join(work, 'scripts', 'pnpm.mjs'), ...args);
  pnpm('install', '--offline', '--frozen-lockfile');
  say(`copied and installed in ${work}`);

  const before = publicVersions(work);
  pnpm('exec', 'changeset', 'version');
  const after = publicVersions(work);
  const released = new Set(after.values());
  if (released.size !== 1)
    throw new Error(`the public packages got different versions: ${JSON.stringify([...after])}`);
  say(
    `changeset version: ${[...before].map(([name, version]) => `${name} ${version} -> ${after.get(name)}`).join(', ')}`,
  );

  pnpm('-r', ...[...after.keys()].flatMap((name) => ['--filter', name]), 'run', 'build');
  say('built');
  run(work, process.execPath, join(work, 'packages', 'packed-consumer', 'src', 'main.mjs'));
  say(`passed: the packages at ${[...released][0]} install and run their READMEs' examples`);
  rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(
    `release-dry-run: FAILED; the copy is kept in ${work}\n`,
    error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
}
