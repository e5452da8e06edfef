// Packs the public packages as `pnpm pack` does (what `pnpm publish` uploads), in one pnpm run, and
// reads each tarball back.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from './run.mjs';
import { pnpm, root } from './workspace.mjs';

/**
 * @typedef {{ tarball: string, files: string[], manifest: Record<string, any>, read: (path: string) => string }} Packed
 * @param {{ name: string, manifest: { name: string, version: string } }[]} packages
 * @param {string} into a folder for the tarballs and their unpacked copies
 * @returns {Record<string, Packed>} by package name
 */
export function packPackages(packages, into) {
  pnpm(
    ['-r', ...packages.flatMap(({ name }) => ['--filter', name]), 'pack', '--pack-destination', into],
    root,
  );
  return Object.fromEntries(
    packages.map((pkg) => [pkg.name, unpack(join(into, tarballName(pkg.manifest)), into)]),
  );
}

/** npm's and pnpm's tarball name: `@roomlab/core` 1.2.0 is `roomlab-core-1.2.0.tgz`. @param {{ name: string, version: string }} manifest */
const tarballName = ({ name, version }) => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** @param {string} tarball @param {string} into @returns {Packed} */
function unpack(tarball, into) {
  const unpacked = join(into, relative(into, tarball).replace(/\.tgz$/, ''));
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], { cwd: into });
  const read = (/** @type {string} */ path) => readFileSync(join(unpacked, path), 'utf8');
  return { tarball, files: listFiles(unpacked, unpacked), manifest: JSON.parse(read('package.json')), read };
}

/** @param {string} dir @param {string} base @returns {string[]} */
function listFiles(dir, base) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
  );
}
