import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectorAssets } from './inspector-assets.js';

/** Errors that mean "no such file here": answered 404, not 500. */
const absent = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

/** The inspector's files from a directory (a Vite build's output, or a test's fixture). */
export function inspectorAssetsIn(directory: string | (() => string)): InspectorAssets {
  let root: string | undefined;
  const rootNow = () => {
    root ??= resolve(typeof directory === 'string' ? directory : directory());
    return root;
  };
  const fileAt = async (path: readonly string[]) => {
    const base = rootNow();
    const file = join(base, ...path);
    // Checked again here, whatever checked the segments: nothing outside the directory is ever read.
    if (!file.startsWith(base + sep)) return undefined;
    try {
      return (await stat(file)).isFile() ? file : undefined;
    } catch (error) {
      if (absent.has((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw error;
    }
  };
  return {
    get location() {
      return rootNow();
    },
    built: async () => (await fileAt(['index.html'])) !== undefined,
    async read(path) {
      const file = await fileAt(path);
      if (file === undefined) return undefined;
      const bytes = await readFile(file);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>;
    },
  };
}

/**
 * The package's `dist/inspector/`, found from this module's own file: the package root is the nearest
 * directory above it with a package.json, whether this runs as `src/ui/*.ts`, `dist/ui/*.js` (tsc) or
 * inside `dist/cli-bundle/` (the CLI's bundle).
 */
export function builtInspectorDirectory(moduleUrl: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return join(dirname(fileURLToPath(moduleUrl)), 'inspector');
    directory = parent;
  }
  return join(directory, 'dist', 'inspector');
}

/** The built inspector of this package, looked for on the first request for it (not at start). */
export const builtInspectorAssets = (): InspectorAssets => inspectorAssetsIn(() => builtInspectorDirectory());
