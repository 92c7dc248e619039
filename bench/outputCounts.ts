import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../src/pipeline/buildManifest.js';

/** What a build wrote, counted the same way for every tool so that the bench can tell it compares like for like. */
export interface OutputCounts {
  files: number;
  /** Items over every feed: RSS `<item>`, Atom `<entry>`, JSON Feed `items`. */
  feedItems: number;
}

export type Tool = 'broadsheet' | 'hugo' | 'eleventy';

/**
 * Files a tool writes that are its own bookkeeping, not the site: broadsheet's manifest of what a build wrote
 * (for a sync step), and Hugo's `page/1/`, a redirect to the list's first page that 0.111 has no setting to stop.
 */
const BOOKKEEPING: Record<Tool, (path: string) => boolean> = {
  broadsheet: (path) => path === MANIFEST_FILE,
  hugo: (path) => /(^|\/)page\/1\/index\.html$/.test(path),
  eleventy: () => false,
};

export async function countOutputs(dir: string, tool: Tool): Promise<OutputCounts> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .filter((path) => !BOOKKEEPING[tool](path));
  let feedItems = 0;
  for (const path of paths) {
    const name = path.split('/').at(-1);
    if (name === 'rss.xml') feedItems += (await readFile(join(dir, path), 'utf8')).split('<item>').length - 1;
    else if (name === 'atom.xml') feedItems += (await readFile(join(dir, path), 'utf8')).split('<entry>').length - 1;
    else if (name === 'feed.json') feedItems += (JSON.parse(await readFile(join(dir, path), 'utf8')) as { items: unknown[] }).items.length;
  }
  return { files: paths.length, feedItems };
}

/** How a peer's outputs differ from broadsheet's ("files 1163 vs 1160"), or undefined when they are the same. */
export function differenceBetween(broadsheet: OutputCounts, peer: OutputCounts): string | undefined {
  const differences = [
    broadsheet.files === peer.files ? undefined : `files ${broadsheet.files} vs ${peer.files}`,
    broadsheet.feedItems === peer.feedItems ? undefined : `feed items ${broadsheet.feedItems} vs ${peer.feedItems}`,
  ].filter((d) => d !== undefined);
  return differences.length === 0 ? undefined : differences.join(', ');
}
