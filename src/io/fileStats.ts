import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputStat } from './outputTarget.js';

/** The size and mtime of each of `paths` (relative to `dir`, `/`-separated) that is a file; the others are left out. */
export function statFiles(dir: string, paths: readonly string[]): Map<string, OutputStat> {
  const stats = new Map<string, OutputStat>();
  for (const path of paths) {
    const stat = statSync(join(dir, path), { throwIfNoEntry: false });
    if (stat?.isFile() === true) stats.set(path, { size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return stats;
}

/**
 * Every file below `dir` by its `/`-separated path there, with its size and mtime; in a stable order. A
 * symbolic link is left out (it could lead out of the folder), and so is a `.git` folder. None when `dir`
 * is gone (removed since the config was read).
 */
export function listFiles(dir: string): Map<string, OutputStat> {
  const files = new Map<string, OutputStat>();
  const walk = (relative: string): void => {
    const entries = readdirSync(relative === '' ? dir : join(dir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== '.git') walk(path);
      else if (entry.isFile()) {
        const { size, mtimeMs } = statSync(join(dir, path));
        files.set(path, { size, mtimeMs });
      }
    }
  };
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true) walk('');
  return files;
}
