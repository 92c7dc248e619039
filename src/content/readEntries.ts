import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { BroadsheetError } from '../errors.js';
import type { ReadContext } from './contentPaths.js';
import { asContentError, displayFile, pathOf } from './contentPaths.js';
import type { IndexEntry } from '../article/article.js';
import { toIndexEntry } from './indexEntry.js';
import { parseArticleText } from './parseArticleText.js';
import type { PageSkip, RawEntry } from './rawEntry.js';
import type { ReadOptions } from './readOptions.js';
import { sourceHash } from './sourceHash.js';

/** A file's size and mtime, and when its bytes were read (ms since the epoch). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  checkedAt: number;
}

/**
 * One file read and parsed for the index: its entry, or the page it is (a listing, an undated page), or why
 * it cannot be published; with the stat it was read with when it could be read.
 */
export type ReadOutcome =
  | ({ sourcePath: string; entry: IndexEntry; parsed?: RawEntry } & FileStamp)
  | ({ sourcePath: string; skip: PageSkip['skip'] } & FileStamp)
  | { sourcePath: string; error: BroadsheetError; stamp?: FileStamp };

/**
 * Reads one file and parses it into its index entry, with what it parsed (the body), so the build renders
 * the body without reading the file again. `known` may supply the entry for bytes already parsed (by their
 * hash), which spares the parse when only the mtime moved.
 */
export function readIndexEntry(context: ReadContext & { reading: ReadOptions }, sourcePath: string, known?: (hash: string) => IndexEntry | undefined): ReadOutcome {
  const checkedAt = Date.now();
  const file = displayFile(context, sourcePath);
  let stamp: FileStamp | undefined;
  try {
    // Synchronous reads: for thousands of small files they cost a fraction of promise-based ones, and
    // indexing is a batch step (the server's event loop waits at most this long when content changes).
    const fd = openSync(pathOf(context, sourcePath), 'r');
    try {
      const { size, mtimeMs } = fstatSync(fd);
      stamp = { size, mtimeMs, checkedAt };
      const bytes = readAll(fd, size);
      const hash = sourceHash(bytes);
      const entry = known?.(hash);
      if (entry !== undefined) return { sourcePath, ...stamp, entry };
      const parsed = parseArticleText({ sourcePath, file, bytes }, context.reading);
      return 'skip' in parsed ? { sourcePath, ...stamp, skip: parsed.skip } : { sourcePath, ...stamp, entry: toIndexEntry(parsed, hash), parsed };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { sourcePath, error: asContentError(error, file), ...(stamp === undefined ? {} : { stamp }) };
  }
}

/** The file's bytes up to the size fstat gave (readFileSync(fd) would fstat it again); a later size is seen by the next build's stat. */
function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const read = readSync(fd, bytes, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return length < size ? bytes.subarray(0, length) : bytes;
}
