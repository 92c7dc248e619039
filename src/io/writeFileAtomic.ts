import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { outputFailed } from './systemErrors.js';
import { tempPathFor } from './tempFiles.js';

export type WriteOutcome = 'written' | 'unchanged';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a reader (or a crash)
 * never sees half a file. Leaves the file alone when its bytes would not change, which keeps mtimes, and so
 * HTTP Last-Modified and feed readers' caches, honest.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<WriteOutcome> {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  const existing = await readFile(path).catch(() => undefined);
  if (existing !== undefined && existing.equals(bytes)) return 'unchanged';
  const temp = tempPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw outputFailed(error, path);
  }
  return 'written';
}
