// The registry metadata a consumer's offline install resolves from, made from the workspace's lockfile:
// one version of each package per version the lockfile holds (so in the store the workspace's install
// filled), its dependencies pinned to the versions the lockfile chose. pnpm's own resolver then installs
// the tarballs as for a user, with no network and no dependence on what pnpm's cache happened to keep.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** @param {string} key e.g. `@babel/core@7.29.16` or `vitest@4.1.12(@types/node@20.19.43)` */
export function nameAndVersion(key) {
  const withoutPeers = key.replace(/\(.*$/, '');
  const at = withoutPeers.lastIndexOf('@');
  return { name: withoutPeers.slice(0, at), version: withoutPeers.slice(at + 1) };
}

/** A lockfile's reference to a dependency as a manifest range: the version, or `npm:` for an alias. */
const asRange = (/** @type {string} */ reference) => {
  const plain = reference.replace(/\(.*$/, '');
  return plain.lastIndexOf('@') > 0 ? `npm:${plain}` : plain;
};

const pinned = (/** @type {Record<string, string> | undefined} */ deps) =>
  deps && Object.fromEntries(Object.entries(deps).map(([name, reference]) => [name, asRange(reference)]));

/**
 * @param {string} lockfileText a pnpm-lock.yaml (v9)
 * @returns {Map<string, Record<string, any>>} package name to its packument (abbreviated metadata)
 */
export function packumentsFromLockfile(lockfileText) {
  const lockfile = parse(lockfileText);
  const dependenciesOf = new Map();
  for (const [key, snapshot] of Object.entries(lockfile.snapshots ?? {})) {
    const { name, version } = nameAndVersion(key);
    dependenciesOf.set(`${name}@${version}`, snapshot ?? {});
  }
  const packuments = new Map();
  for (const [key, entry] of Object.entries(lockfile.packages ?? {})) {
    const { name, version } = nameAndVersion(key);
    if (!entry.resolution?.integrity) continue; // a workspace link or a local file, not from the registry
    const snapshot = dependenciesOf.get(`${name}@${version}`) ?? {};
    const packument = packuments.get(name) ?? { name, 'dist-tags': {}, versions: {} };
    packument.versions[version] = {
      name,
      version,
      dependencies: pinned(snapshot.dependencies),
      optionalDependencies: pinned(snapshot.optionalDependencies),
      peerDependencies: entry.peerDependencies,
      peerDependenciesMeta: entry.peerDependenciesMeta,
      engines: entry.engines,
      os: entry.os,
      cpu: entry.cpu,
      libc: entry.libc,
      dist: { integrity: entry.resolution.integrity, tarball: tarballUrl(name, version) },
    };
    packuments.set(name, packument);
  }
  for (const packument of packuments.values())
    packument['dist-tags'].latest = newest(Object.keys(packument.versions));
  return packuments;
}

/** Writes the packuments where pnpm's `--cache-dir` reads them. @param {string} cacheDir @param {Map<string, object>} packuments */
export function writeMetadataCache(cacheDir, packuments) {
  for (const folder of ['metadata-v1.3', 'metadata-full-v1.3']) {
    for (const [name, packument] of packuments) {
      const file = join(cacheDir, folder, 'registry.npmjs.org', `${name}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...packument, cachedAt: Date.now() }));
    }
  }
}

/**
 * Writes the metadata made from a lockfile into a pnpm cache folder.
 * @param {string} lockfilePath @param {string} cacheDir
 * @returns {(name: string) => string} the newest version of a package that the lockfile holds
 */
export function metadataCacheFromLockfile(lockfilePath, cacheDir) {
  const packuments = packumentsFromLockfile(readFileSync(lockfilePath, 'utf8'));
  writeMetadataCache(cacheDir, packuments);
  return (name) => {
    const latest = packuments.get(name)?.['dist-tags'].latest;
    if (!latest)
      throw new Error(
        `${name} is not in the workspace's lockfile, so not in its store: add it to a package there`,
      );
    return latest;
  };
}

const tarballUrl = (/** @type {string} */ name, /** @type {string} */ version) =>
  `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;

/** The highest of some versions, prereleases last-resort (enough for a `latest` tag). @param {string[]} versions */
function newest(versions) {
  const parts = (/** @type {string} */ v) => v.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  return versions
    .toSorted((a, b) => {
      const [pa, pb] = [parts(a), parts(b)];
      for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (diff !== 0) return diff;
      }
      return 0;
    })
    .at(-1);
}
