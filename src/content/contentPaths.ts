import { join, relative, sep } from 'node:path';
import { BroadsheetError } from '../errors.js';

/** Where article files are and how messages name them. */
export interface ReadContext {
  contentDir: string;
  /** Messages name files relative to this folder. */
  displayRoot: string;
}

/** A file's path from its `/`-separated path relative to the content folder. */
export function pathOf(context: ReadContext, sourcePath: string): string {
  return `${context.contentDir}${sep}${sourcePath}`;
}

/** relative() per file costs more than parsing some of them; the folder's part is worked out once per context. */
const displayDirs = new WeakMap<ReadContext, string>();

/** The path a message names: relative to the display root. */
export function displayFile(context: ReadContext, sourcePath: string): string {
  let dir = displayDirs.get(context);
  if (dir === undefined) {
    dir = relative(context.displayRoot, context.contentDir);
    displayDirs.set(context, dir);
  }
  return join(dir, sourcePath);
}

export function asContentError(error: unknown, file: string): BroadsheetError {
  if (error instanceof BroadsheetError) return error;
  return new BroadsheetError('CONTENT_UNREADABLE', `could not be read (${(error as Error).message}).`, { file, cause: error });
}
