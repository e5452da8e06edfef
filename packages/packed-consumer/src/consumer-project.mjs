// A project outside the workspace, as a user makes it: the packed tarballs and the tools a user adds,
// the READMEs' example files, tsconfigs for both module resolutions, and vitest's and jest's configs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a user adds beside roomlab's packages (at the newest version the workspace's lockfile holds). */
export const userTools = [
  'twilio',
  'msw',
  'vitest',
  'jest',
  '@jest/globals',
  'expect',
  'typescript',
  '@types/node',
];

/**
 * @param {string} dir
 * @param {Record<string, string>} tarballs package name to tarball path
 * @param {Record<string, string>} tools package name to version
 */
export function writeManifest(dir, tarballs, tools) {
  const fromTarballs = Object.fromEntries(
    Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]),
  );
  const manifest = {
    name: 'roomlab-packed-consumer',
    private: true,
    type: 'module',
    devDependencies: { ...fromTarballs, ...tools },
    pnpm: {
      // The tarballs depend on each other by version (as published); these stand in for the registry.
      overrides: fromTarballs,
      onlyBuiltDependencies: ['msw', '@ffmpeg-installer/linux-x64', '@ffprobe-installer/linux-x64'],
    },
  };
  write(dir, 'package.json', `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Strict, as a user's tsconfig is. */
const strict = { target: 'ES2022', lib: ['ES2023', 'DOM'], strict: true, noEmit: true, types: ['node'] };

/**
 * One tsconfig per module resolution. Under nodenext every .d.ts the examples load is checked too
 * (skipLibCheck off), so a broken .d.ts of roomlab's fails; bundler resolution checks what differs there,
 * the examples' imports, with skipLibCheck on as most projects have it (half the time on 2 cores).
 * @param {string} dir @param {string[]} files the example files, relative to dir
 */
export function writeTsconfigs(dir, files) {
  const resolutions = {
    nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: false },
    bundler: { module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true },
  };
  for (const [name, resolution] of Object.entries(resolutions)) {
    const tsconfig = { compilerOptions: { ...strict, ...resolution, allowJs: true, checkJs: true }, files };
    write(dir, `tsconfig.${name}.json`, `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
  return Object.keys(resolutions).map((name) => `tsconfig.${name}.json`);
}

/** @param {string} dir @param {string} path @param {string} text */
export function write(dir, path, text) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
