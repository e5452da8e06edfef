// Packs each public package as `pnpm pack` (what `pnpm publish` uploads) and reads the tarball back.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from './run.mjs';
import { pnpm } from './workspace.mjs';

/**
 * @param {{ name: string, dir: string }} pkg
 * @param {string} into a folder for the tarball and its unpacked copy
 * @returns {{ tarball: string, files: string[], manifest: Record<string, any>, read: (path: string) => string }}
 */
export function packPackage(pkg, into) {
  const before = new Set(readdirSync(into));
  pnpm(['pack', '--pack-destination', into], pkg.dir);
  const tarball = readdirSync(into).find((file) => file.endsWith('.tgz') && !before.has(file));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkg.name} into ${into}`);
  const unpacked = join(into, tarball.replace(/\.tgz$/, ''));
  mkdirSync(unpacked);
  run('tar', ['-xzf', join(into, tarball), '-C', unpacked, '--strip-components=1'], { cwd: into });
  const read = (/** @type {string} */ path) => readFileSync(join(unpacked, path), 'utf8');
  return {
    tarball: join(into, tarball),
    files: listFiles(unpacked, unpacked),
    manifest: JSON.parse(read('package.json')),
    read,
  };
}

/** @param {string} dir @param {string} base @returns {string[]} */
function listFiles(dir, base) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
  );
}
