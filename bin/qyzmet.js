#!/usr/bin/env node
// The `qyzmet` command: compiles on first use (or after a change), then runs the CLI.
import { ensureBuilt } from '../scripts/build.mjs';

// QYZMET_NO_BUILD=1: run the dist/ as it is (tests build once before they start).
if (process.env.QYZMET_NO_BUILD !== '1') ensureBuilt({ quiet: false });
const { main } = await import('../dist/src/cli/main.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
