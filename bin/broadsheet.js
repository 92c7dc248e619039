#!/usr/bin/env node
import module from 'node:module';

// Node's compile cache (Node >= 22.1; under the OS temp folder by default) keeps the compiled code of the
// modules a run loads, so the next run does not compile them again. Node 20 has none: there it is skipped.
module.enableCompileCache?.();

// Imported after the cache is on, or the modules would already have been compiled.
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
