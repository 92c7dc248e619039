import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

// For tests of what a command loads. Given to `node --import`, this file registers itself as the process's
// module resolution hook, which appends the URL of every module imported through the ES module loader to the
// file named by RECORD_MODULES (require() calls inside CommonJS packages are not seen).
if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.RECORD_MODULES, `${resolved.url}\n`);
  return resolved;
}
