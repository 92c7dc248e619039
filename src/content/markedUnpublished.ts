import type { IndexEntry } from '../article/article.js';

const MARKS = { draft: '[Draft]', future: '[Scheduled]' } as const;

/**
 * A draft or a future article as `broadsheet dev` shows it: published, with what holds it back in front of
 * its title, on every page, feed and digest preview. Its slug and URL stay the ones it will be published at.
 */
export function markedUnpublished(entry: IndexEntry, reason: keyof typeof MARKS): IndexEntry {
  return { ...entry, title: `${MARKS[reason]} ${entry.title}` };
}
