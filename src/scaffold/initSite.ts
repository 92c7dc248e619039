import { cp, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE } from '../config/loadConfig.js';
import { BUILT_IN_TEMPLATES } from '../templating/templateFolder.js';
import { starterConfig } from '../config/starterConfig.js';
import { BroadsheetError } from '../errors.js';
import { writeNewFile } from '../io/writeNewFile.js';

/** The starter site's README and example articles (the same path from src/ and from dist/). */
const STARTER = fileURLToPath(new URL('../../starter', import.meta.url));

/**
 * What a new site holds, each from where it is copied. `.gitignore` is kept as `gitignore` in broadsheet:
 * npm leaves files of that name out of a published package.
 */
const COPIES: ReadonlyArray<readonly [target: string, source: string]> = [
  ['README.md', join(STARTER, 'README.md')],
  ['content', join(STARTER, 'content')],
  ['templates', BUILT_IN_TEMPLATES],
  ['.gitignore', join(STARTER, 'gitignore')],
];

/** The entries `init` creates in the site folder, in the order they are listed to the user. */
export const STARTER_ENTRIES = [DEFAULT_CONFIG_FILE, ...COPIES.map(([target]) => target)];

/**
 * A new site in `dir` (created when missing): the config with every default, a README explaining each key,
 * example articles, the templates and a .gitignore. Nothing is overwritten: a folder that already has any of
 * them (a site, or half of one) is refused before anything is written, so `git init` first is fine.
 */
export async function initSite(dir: string, shownDir: string): Promise<void> {
  try {
    await writeSite(dir, shownDir);
  } catch (error) {
    if (error instanceof BroadsheetError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BroadsheetError('INPUT_INVALID', `cannot be made into a site (${code}).`, { file: shownDir, hint: 'Give a folder you can write to, or the path of a new one.', cause: error });
  }
}

async function writeSite(dir: string, shownDir: string): Promise<void> {
  const present = [];
  for (const entry of STARTER_ENTRIES) if (await exists(join(dir, entry))) present.push(entry);
  if (present.length > 0) {
    throw new BroadsheetError('INPUT_INVALID', `already has ${present.join(', ')}; init writes a new site and changes no existing file.`, {
      file: shownDir,
      hint: 'Give a new or empty folder: broadsheet init my-site.',
    });
  }
  await mkdir(dir, { recursive: true });
  for (const [target, source] of COPIES) await cp(source, join(dir, target), { recursive: true, errorOnExist: true, force: false });
  const config = `${JSON.stringify(starterConfig('templates'), null, 2)}\n`;
  if (!(await writeNewFile(join(dir, DEFAULT_CONFIG_FILE), config))) {
    throw new BroadsheetError('INPUT_INVALID', `${DEFAULT_CONFIG_FILE} appeared while init ran; it was left as it is.`, { file: shownDir });
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}
