import { readdir, rm, rmdir } from 'node:fs/promises';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outputFailed } from './systemErrors.js';
import type { FolderState } from './writeFileAtomic.js';
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

/**
 * The out folder on disk, for one build: atomic writes (temp file, then rename). Each folder is made once,
 * and a file in a folder this build made is not read back first (there is nothing to compare it with): a
 * first build of 10,000 pages makes no `mkdir` and no failed `open` per file.
 */
export function outputFolder(dir: string): OutputTarget {
  const folders = new Map<string, Exclude<FolderState, 'unknown'>>();
  const folderOf = (file: string): FolderState => {
    const folder = dirname(file);
    const known = folders.get(folder);
    if (known !== undefined) return known;
    let first: string | undefined;
    try {
      first = mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw outputFailed(error, folder);
    }
    if (first === undefined) folders.set(folder, 'exists');
    // mkdir names the first folder it made: that one and every folder below it down to this one are new.
    else for (let made = folder; made.length >= first.length; made = dirname(made)) folders.set(made, 'made');
    return folders.get(folder) as FolderState;
  };
  /** Removing files removes the folders they leave empty: what is known of folders is forgotten. */
  const forgetting = <T>(removal: Promise<T>) => removal.finally(() => folders.clear());
  return {
    write: async (path, text) => {
      const file = join(dir, path);
      return writeFileAtomic(file, text, folderOf(file));
    },
    copy: async (path, from) => {
      const file = join(dir, path);
      copyFileAtomic(from, file, folderOf(file));
    },
    // Synchronous: the memo checks every group's files, and a stat is cheaper than a promise for each.
    stat: (path) => statSync(join(dir, path), { throwIfNoEntry: false }),
    remove: (path) =>
      forgetting(
        (async () => {
          await rm(join(dir, path), { force: true }).catch((error: unknown) => {
            throw outputFailed(error, join(dir, path));
          });
          // Up the folders the file was in, to the first that still holds something (rmdir fails on it).
          for (let folder = dirname(path); folder !== '.' && folder !== '/'; folder = dirname(folder)) {
            if (!(await rmdir(join(dir, folder)).then(() => true, () => false))) break;
          }
        })(),
      ),
    removeFolder: (path) =>
      forgetting(
        rm(join(dir, path), { recursive: true, force: true }).catch((error: unknown) => {
          throw outputFailed(error, join(dir, path));
        }),
      ),
    folders: async (path) => (await readdir(join(dir, path), { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  };
}
