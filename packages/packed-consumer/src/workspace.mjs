// The workspace this package sits in: its public packages, the pinned pnpm, and the versions of the
// tools its install already put in the pnpm store.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.mjs';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** @param {string} path */
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The workspace's pnpm, as every script here runs it (see scripts/pnpm.mjs). */
export const pnpm = (/** @type {string[]} */ args, /** @type {string} */ cwd) =>
  run(process.execPath, [join(root, 'scripts', 'pnpm.mjs'), ...args], { cwd });

/** @returns {{ name: string, dir: string, manifest: Record<string, any> }[]} */
export function publicPackages() {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .map((name) => join(packages, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(join(dir, 'package.json')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }));
}

/**
 * The version of a package that the workspace installed (so in its store), looked up from the packages
 * that depend on it and then the root.
 * @param {string} name
 */
export function installedVersion(name) {
  const from = [...publicPackages().map(({ dir }) => dir), join(root, 'packages', 'packed-consumer'), root];
  for (const dir of from) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return /** @type {string} */ (readJson(manifest).version);
  }
  throw new Error(
    `${name} is not installed in the workspace: add it to packages/packed-consumer's devDependencies`,
  );
}

export const storeDir = () => pnpm(['store', 'path'], root).trim();
