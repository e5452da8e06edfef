#!/usr/bin/env node
// A committed shim, so installing the workspace links the `roomlab` bin before dist/ is built.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
