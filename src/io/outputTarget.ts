import { readdir, rm, rmdir } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outputFailed } from './systemErrors.js';
import { copyFileAtomic, writeFileAtomic } from './writeFileAtomic.js';

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
  /** Copies the file at `from` (an absolute path: an article's image, a static file) to `path`. */
  copy(path: string, from: string): Promise<void>;
  /** Undefined when there is no such file. */
  stat(path: string): OutputStat | undefined;
  /** Deletes a file, and the folders that leaves empty (an article page's, an image's `2026/images/`). */
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
    copy: (path, from) => copyFileAtomic(from, join(dir, path)),
    // Synchronous: the memo checks every group's files, and a stat is cheaper than a promise for each.
    stat: (path) => statSync(join(dir, path), { throwIfNoEntry: false }),
    async remove(path) {
      await rm(join(dir, path), { force: true }).catch((error: unknown) => {
        throw outputFailed(error, join(dir, path));
      });
      // Up the folders the file was in, to the first that still holds something (rmdir fails on it).
      for (let folder = dirname(path); folder !== '.' && folder !== '/'; folder = dirname(folder)) {
        if (!(await rmdir(join(dir, folder)).then(() => true, () => false))) break;
      }
    },
    removeFolder: (path) =>
      rm(join(dir, path), { recursive: true, force: true }).catch((error: unknown) => {
        throw outputFailed(error, join(dir, path));
      }),
    folders: async (path) => (await readdir(join(dir, path), { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  };
}
