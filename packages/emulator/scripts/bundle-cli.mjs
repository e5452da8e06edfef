// Bundles the `roomlab` CLI (dist/cli.js and what it imports, Express and @roomlab/core included) into
// dist/cli-bundle/, run by bin/roomlab.js. Node resolves, reads and links each file of an ESM graph
// on its own: the CLI's ~400 files cost more at start than what they do. What the CLI loads on first
// need (`import()`) stays a separate chunk, loaded as late as before. The media stack and the
// certificate library stay external: installed packages, loaded on first need from node_modules.
// The package's library entries (dist/index.js...) are not bundled: users import them as built by tsc.
//
// Run by `pnpm build` after tsc: `node scripts/bundle-cli.mjs`.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../dist/cli-bundle/', import.meta.url));

/**
 * The version is read from package.json when the CLI runs (as dist/version.js reads it), not copied in
 * at build time: a release that bumps package.json after a build still prints the new version.
 */
const packageJsonAtRunTime = {
  name: 'package-json-at-run-time',
  setup(build) {
    const versionModule = fileURLToPath(new URL('../dist/version.js', import.meta.url));
    build.onResolve({ filter: /^\.\.\/package\.json$/ }, ({ importer }) =>
      importer === versionModule ? { path: '../../package.json', external: true } : undefined,
    );
  },
};

/**
 * zod's full API (seed, transcripts, --config: loaded on first need) stays the installed package, while
 * signaling's `zod/mini` is bundled, tree-shaken to the little it uses. (An `external` entry would take
 * every subpath of the package with it.)
 */
const fullZodExternal = {
  name: 'full-zod-external',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', external: true }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: fileURLToPath(new URL('../dist/cli.js', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Loaded on first need, and large: kept as the installed packages.
  external: [
    'werift',
    'werift/*',
    '@peculiar/*',
    'reflect-metadata',
    '@ffmpeg-installer/ffmpeg',
    '@ffprobe-installer/ffprobe',
  ],
  // Bundled CommonJS (Express) requires Node's built-ins: ESM output has no `require` of its own.
  banner: {
    js: "import { createRequire as roomlabCreateRequire } from 'node:module'; const require = roomlabCreateRequire(import.meta.url);",
  },
  plugins: [packageJsonAtRunTime, fullZodExternal],
  logLevel: 'warning',
});
