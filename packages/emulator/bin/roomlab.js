#!/usr/bin/env node
// A committed shim, so installing the workspace links the `roomlab` bin before dist/ is built. It runs
// the CLI as bundled at build time (scripts/bundle-cli.mjs): one file to load instead of hundreds.
import { main } from '../dist/cli-bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
