#!/usr/bin/env node
// Runs the pinned pnpm on a machine that has only Node and npm: no global pnpm and no corepack
// (corepack cannot verify pnpm's signatures on these machines). npx caches the download after the first run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const args = process.argv.slice(2);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, ['-y', packageManager, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
