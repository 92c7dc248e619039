import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const WALKER = resolve(import.meta.dirname, 'walkArchive.py');

/** One feed document of a chain, as feedparser read it. */
export interface WalkedDocument {
  url: string;
  bozo: boolean;
  /** Whether it carries `<fh:archive/>`. */
  archive: boolean;
  /** Whether it carries `<fh:complete/>`. */
  complete: boolean;
  /** rel -> href of its links. */
  links: Record<string, string>;
  ids: string[];
}

/**
 * For each subscription feed (`starts`, relative to the site's URL), the chain from it back through every
 * prev-archive link, read by Debian's python3-feedparser through /usr/bin/python3 (a pyenv or venv python
 * would not see it), in one process.
 */
export async function walkArchives(outDir: string, siteUrl: string, starts: readonly string[]): Promise<Record<string, WalkedDocument[]>> {
  try {
    const { stdout } = await run('/usr/bin/python3', [WALKER, outDir, siteUrl, ...starts], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as Record<string, WalkedDocument[]>;
  } catch (error) {
    if ((error as { stderr?: string }).stderr?.includes("No module named 'feedparser'")) throw new Error('feedparser is not installed: bash scripts/ensure-system-deps.sh (apt-get install -y python3-feedparser)');
    throw error;
  }
}
