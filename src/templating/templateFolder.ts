import { access, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BroadsheetError } from '../errors.js';

/** The templates broadsheet ships with (the same path from src/ and from dist/). */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

/**
 * Where templates are looked up: the site's folder (paths.templates) first, then broadsheet's own, so a site
 * that customised a few files still gets fixes to the others.
 */
export interface TemplateFolder {
  dirs: readonly string[];
  /** Messages name files relative to where the command runs. */
  displayPath: (path: string) => string;
}

export function templateFolder(dir: string, displayPath: (path: string) => string): TemplateFolder {
  return { dirs: dir === BUILT_IN_TEMPLATES ? [dir] : [dir, BUILT_IN_TEMPLATES], displayPath };
}

/** The path of `relativePath` in the first folder that has it, or undefined. */
export async function findTemplate(folder: TemplateFolder, relativePath: string): Promise<string | undefined> {
  for (const dir of folder.dirs) {
    const path = join(dir, relativePath);
    if (await access(path).then(() => true, () => false)) return path;
  }
  return undefined;
}

/** A template's path and text; a file no folder has is an error naming it in the site's folder. */
export async function readTemplate(folder: TemplateFolder, relativePath: string): Promise<{ path: string; source: string }> {
  return readTemplateAt(folder, (await findTemplate(folder, relativePath)) ?? join(folder.dirs[0] as string, relativePath));
}

/** The text of a template found earlier (a partial from `listTemplates`). */
export async function readTemplateAt(folder: TemplateFolder, path: string): Promise<{ path: string; source: string }> {
  try {
    return { path, source: await readFile(path, 'utf8') };
  } catch (error) {
    throw new BroadsheetError('TEMPLATE_INVALID', 'cannot be read.', {
      file: folder.displayPath(path),
      hint: "Restore it from broadsheet's templates/ folder, or leave it out of paths.templates to use the built-in one.",
      cause: error,
    });
  }
}

/** Every `<name><ext>` file in `relativeDir` of any folder, by name; the site's own file wins. */
export async function listTemplates(folder: TemplateFolder, relativeDir: string, ext: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const dir of folder.dirs) {
    const names = (await readdir(join(dir, relativeDir)).catch(() => [])).filter((name) => name.endsWith(ext)).sort();
    for (const name of names) if (!found.has(basename(name, ext))) found.set(basename(name, ext), join(dir, relativeDir, name));
  }
  return found;
}
