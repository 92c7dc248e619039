import { readdir, rm, rmdir } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outputFailed } from './systemErrors.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** A file's size and mtime: what the output memo checks a written file by. */
export interface OutputStat {
  size: number;
  mtimeMs: number;
}

/**
 * Where a build writes, by `/`-separated paths relative to the out folder: a folder on disk (outputFolder),
 * or anything else that keeps files by path (a dry run, a test's memory). A build does no other file-system
 * work on its outputs than through this.
 */
export interface OutputTarget {
  /** Writes the file, or leaves it as it is when it already holds these bytes. */
  write(path: string, text: string): Promise<'written' | 'unchanged'>;
  /** Undefined when there is no such file. */
  stat(path: string): OutputStat | undefined;
  /** Deletes a file, and its folder when that leaves it empty (an article page's). */
  remove(path: string): Promise<void>;
  /** Deletes a folder and everything in it. */
  removeFolder(path: string): Promise<void>;
  /** The names of the folders directly in `path`; none when it does not exist. */
  folders(path: string): Promise<string[]>;
}

/** The out folder on disk: atomic writes (temp file, then rename). */
export function outputFolder(dir: string): OutputTarget {
  return {
    write: (path, text) => writeFileAtomic(join(dir, path), text),
    // Synchronous: the memo checks every group's files, and a stat is cheaper than a promise for each.
    stat: (path) => statSync(join(dir, path), { throwIfNoEntry: false }),
    async remove(path) {
      await rm(join(dir, path), { force: true }).catch((error: unknown) => {
        throw outputFailed(error, join(dir, path));
      });
      await rmdir(dirname(join(dir, path))).catch(() => undefined);
    },
    removeFolder: (path) =>
      rm(join(dir, path), { recursive: true, force: true }).catch((error: unknown) => {
        throw outputFailed(error, join(dir, path));
      }),
    folders: async (path) => (await readdir(join(dir, path), { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  };
}
