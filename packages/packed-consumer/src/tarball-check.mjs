// What a packed package must hold and must not: checked from the tarball's listing and manifest, before
// anything is installed, so each mistake is named rather than surfacing as a failed import later.
import { posix } from 'node:path';

/**
 * @param {{ files: string[], manifest: Record<string, any>, read: (path: string) => string }} tarball
 *   its file paths (relative to the package root), its package.json, and a reader for its text files
 * @returns {string[]} what is wrong with it, in words; empty when nothing is
 */
export function tarballProblems({ files, manifest, read }) {
  const shipped = new Set(files);
  const problems = [];
  for (const [name, range] of dependencyRanges(manifest)) {
    if (/^(workspace|link|file):/.test(range))
      problems.push(`package.json depends on ${name} by ${range}, not a version`);
  }
  if (JSON.stringify(manifest).includes('roomlab-source')) {
    problems.push('package.json still names the roomlab-source condition');
  }
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!shipped.has(required)) problems.push(`${required} is missing`);
  }
  for (const file of files) {
    if (file.startsWith('src/')) problems.push(`${file} is shipped: src/ is not`);
    if (file.includes('test-support')) problems.push(`${file} is shipped: test support is not`);
  }
  for (const target of [...exportTargets(manifest.exports), ...Object.values(manifest.bin ?? {})]) {
    if (!shipped.has(posix.normalize(target)))
      problems.push(`${target} is named in package.json but not shipped`);
  }
  for (const file of files.filter((path) => /\.(d\.ts|js)$/.test(path))) {
    for (const missing of missingRelativeImports(file, read(file), shipped)) {
      problems.push(`${file} imports ${missing}, which is not shipped`);
    }
  }
  return problems;
}

/** What a user's install resolves: each dependency, peer and optional dependency with its range. */
const dependencyRanges = (/** @type {Record<string, any>} */ manifest) =>
  ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.entries(/** @type {Record<string, string>} */ (manifest[field] ?? {})),
  );

/** Every file an `exports` map points to, through nested conditions. @param {unknown} exports @returns {string[]} */
export function exportTargets(exports) {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

// A JSDoc type (`@type {import('./list.d.ts').Node}`), which a bundle keeps from the code it bundles, is
// not an import.
const RELATIVE_IMPORT = /(?<!\{\s*)(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** @param {string} file @param {string} code @param {Set<string>} shipped */
function missingRelativeImports(file, code, shipped) {
  return [...code.matchAll(RELATIVE_IMPORT)]
    .map((match) => posix.normalize(posix.join(posix.dirname(file), match[1] ?? '')))
    .filter((target) => !shipped.has(target) && !shipped.has(target.replace(/\.js$/, '.d.ts')));
}
