import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a build wrote, counted the same way for both tools so that the bench can tell it compares like for like. */
export interface OutputCounts {
  files: number;
  /** Items over every feed: RSS `<item>`, Atom `<entry>`, JSON Feed `items`. */
  feedItems: number;
}

/** Hugo writes `page/1/` as a redirect to the list's first page and 0.111 has no setting to stop it. */
const HUGO_FIRST_PAGE_REDIRECT = /(^|\/)page\/1\/index\.html$/;

export async function countOutputs(dir: string, tool: 'broadsheet' | 'hugo'): Promise<OutputCounts> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .filter((path) => tool === 'broadsheet' || !HUGO_FIRST_PAGE_REDIRECT.test(path));
  let feedItems = 0;
  for (const path of paths) {
    const name = path.split('/').at(-1);
    if (name === 'rss.xml') feedItems += (await readFile(join(dir, path), 'utf8')).split('<item>').length - 1;
    else if (name === 'atom.xml') feedItems += (await readFile(join(dir, path), 'utf8')).split('<entry>').length - 1;
    else if (name === 'feed.json') feedItems += (JSON.parse(await readFile(join(dir, path), 'utf8')) as { items: unknown[] }).items.length;
  }
  return { files: paths.length, feedItems };
}

/** The bench's error when the two tools did not write the same things: its figures would not compare. */
export function differenceBetween(work: string, broadsheet: OutputCounts, hugo: OutputCounts): string | undefined {
  if (broadsheet.files === hugo.files && broadsheet.feedItems === hugo.feedItems) return undefined;
  return (
    `${work}: broadsheet and Hugo did not write the same outputs (files ${broadsheet.files} vs ${hugo.files}, feed items ` +
    `${broadsheet.feedItems} vs ${hugo.feedItems}), so their times do not compare. Make bench/hugoSite.ts ask Hugo for what broadsheet writes.`
  );
}
