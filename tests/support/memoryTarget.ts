import { readFileSync } from 'node:fs';
import type { OutputTarget } from '../../src/io/outputTarget.js';

/** An output target that keeps files in a map: a build with no out folder, as a dry run would make it. */
export function memoryTarget(): OutputTarget & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const stamps = new Map<string, number>();
  let clock = 0;
  return {
    files,
    async write(path, text) {
      if (files.get(path) === text) return 'unchanged';
      files.set(path, text);
      stamps.set(path, ++clock);
      return 'written';
    },
    async copy(path, from) {
      files.set(path, readFileSync(from, 'utf8'));
      stamps.set(path, ++clock);
    },
    stat: (path) => (files.has(path) ? { size: Buffer.byteLength(files.get(path) as string), mtimeMs: stamps.get(path) as number } : undefined),
    async remove(path) {
      files.delete(path);
    },
    async removeFolder(path) {
      for (const name of [...files.keys()]) if (name.startsWith(path)) files.delete(name);
    },
    folders: async (path) => [...new Set([...files.keys()].flatMap((name) => (name.startsWith(`${path}/`) ? [name.slice(path.length + 1).split('/')[0] as string] : [])))],
  };
}
