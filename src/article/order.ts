import type { ArticleMeta } from './article.js';

type Dated = Pick<ArticleMeta, 'published' | 'sourcePath'>;

/** Newest first; ties broken by source path so that output never depends on the order files were read in. */
export function compareNewestFirst(a: Dated, b: Dated): number {
  const byDate = b.published.getTime() - a.published.getTime();
  if (byDate !== 0) return byDate;
  return a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0;
}

export function newestFirst<T extends Dated>(articles: readonly T[]): T[] {
  return [...articles].sort(compareNewestFirst);
}

/** The date a collection last changed: its newest `updated`, so unchanged content gives unchanged output. */
export function lastUpdated(articles: readonly Pick<ArticleMeta, 'updated'>[]): Date | undefined {
  let newest: Date | undefined;
  for (const article of articles) {
    if (newest === undefined || article.updated.getTime() > newest.getTime()) newest = article.updated;
  }
  return newest;
}
