import { randomBytes } from 'node:crypto';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file that must not exist yet: through a temporary file, as every write here, then `link`ed into
 * place, which fails with EEXIST instead of replacing a file someone wrote meanwhile (a rename would).
 * Resolves false when the file exists.
 */
export async function writeNewFile(path: string, contents: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
