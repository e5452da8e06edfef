// The workspace this package sits in: its public packages, the pinned pnpm, and the store its install
// filled.
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

/** @returns {{ name: string, dir: string, manifest: { name: string, version: string } & Record<string, any> }[]} */
export function publicPackages() {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .map((name) => join(packages, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(join(dir, 'package.json')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }));
}

export const storeDir = () => pnpm(['store', 'path'], root).trim();
