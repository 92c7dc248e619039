import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor } from './tempFiles.js';

/**
 * Writes a file that must not exist yet: through a temporary file, as every write here, then `link`ed into
 * place, which fails with EEXIST instead of replacing a file someone wrote meanwhile (a rename would).
 * Resolves false when the file exists.
 */
export async function writeNewFile(path: string, contents: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, contents);
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
