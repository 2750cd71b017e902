#!/usr/bin/env node
// The `neural-wasm` command; the CLI itself is built from cli/ into dist/cli.js.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
