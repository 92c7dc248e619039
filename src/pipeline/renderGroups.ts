import type { ArticleMeta, Teaser } from '../article/article.js';
import { newestFirst } from '../article/order.js';
import type { ContentMemo } from '../content/contentMemo.js';
import type { LoadContentOptions, ParsedFiles } from '../content/loadContent.js';
import { renderArticles } from '../content/renderArticles.js';
import type { LinkTargets } from '../content/renderBody.js';
import type { BroadsheetError } from '../errors.js';
import type { OutputGroup } from './planSite.js';

/** Some groups rendered: their files by path (relative to the out folder), and which groups are whole. */
export interface RenderedGroups {
  files: Map<string, string>;
  /** The groups every article of which rendered: only these are remembered as built. */
  complete: OutputGroup[];
  /** The articles that could not be rendered, once each. */
  rejected: BroadsheetError[];
}

export interface RenderContext {
  cache?: ContentMemo;
  /** False: new bodies are not kept (the pages of a whole archive would fill memory). */
  remember: boolean;
  links: LinkTargets;
  parsed: ParsedFiles;
  /**
   * The summary of every article rendered so far in this build, by source path: a list page takes its
   * teasers from here, so a body is rendered once a build however many lists show it; before a render, the
   * cache's summary of an unchanged file at the same URL is taken (an added article moves every teaser).
   */
  summaries: Map<string, string>;
}

/**
 * Groups -> their files, as strings, like the renderers they call: the bodies of the articles they hold
 * are rendered once (or taken from the cache) and shared among the groups; a group of teasers renders only
 * the bodies whose summary this build has not seen yet.
 */
export async function renderGroups(
  groups: readonly OutputGroup[],
  options: Pick<LoadContentOptions, 'contentDir' | 'displayRoot' | 'reading'>,
  context: RenderContext,
): Promise<RenderedGroups> {
  const { summaries, cache } = context;
  for (const group of groups) {
    if (group.needs === 'bodies') continue;
    for (const item of group.items) {
      if (summaries.has(item.sourcePath)) continue;
      const known = cache?.summary(item.sourcePath, item.sourceHash, item.url);
      if (known !== undefined) summaries.set(item.sourcePath, known);
    }
  }
  const needed = groups.flatMap((group) => (group.needs === 'bodies' ? group.items : group.items.filter((item) => !summaries.has(item.sourcePath))));
  const rendered = await renderArticles(newestFirst([...new Set(needed)]), options, context.cache, { remember: context.remember, links: context.links, parsed: context.parsed });
  const bySource = new Map(rendered.articles.map((article) => [article.sourcePath, article]));
  for (const article of rendered.articles) {
    summaries.set(article.sourcePath, article.summary);
    cache?.setSummary(article.sourcePath, article.sourceHash, article.url, article.summary);
  }
  const files = new Map<string, string>();
  const complete: OutputGroup[] = [];
  for (const group of groups) {
    let made: Map<string, string>;
    let count: number;
    if (group.needs === 'bodies') {
      const articles = group.items.flatMap((item) => bySource.get(item.sourcePath) ?? []);
      [made, count] = [await group.render(articles), articles.length];
    } else {
      const teasers = teasersOf(group.items, summaries);
      [made, count] = [await group.render(teasers), teasers.length];
    }
    for (const [path, text] of made) files.set(path, text);
    if (count === group.items.length) complete.push(group);
  }
  return { files, complete, rejected: rendered.rejected };
}

function teasersOf(items: readonly ArticleMeta[], summaries: ReadonlyMap<string, string>): Teaser[] {
  return items.flatMap((item) => {
    const summary = summaries.get(item.sourcePath);
    return summary === undefined ? [] : [{ ...item, summary }];
  });
}
