import type { Article } from '../article/article.js';
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

/**
 * Groups -> their files, as strings, like the renderers they call: the bodies of the articles they hold
 * are rendered once (or taken from the cache) and shared among the groups. With `remember: false` new bodies
 * are not kept (the pages of a whole archive would fill memory).
 */
export async function renderGroups(
  groups: readonly OutputGroup[],
  options: Pick<LoadContentOptions, 'contentDir' | 'displayRoot' | 'reading'>,
  context: { cache?: ContentMemo; remember: boolean; links: LinkTargets; parsed: ParsedFiles },
): Promise<RenderedGroups> {
  const items = newestFirst([...new Set(groups.flatMap((group) => group.items))]);
  const rendered = await renderArticles(items, options, context.cache, { remember: context.remember, links: context.links, parsed: context.parsed });
  const bySource = new Map(rendered.articles.map((article) => [article.sourcePath, article]));
  const files = new Map<string, string>();
  const complete: OutputGroup[] = [];
  for (const group of groups) {
    const articles: Article[] = group.items.flatMap((item) => bySource.get(item.sourcePath) ?? []);
    for (const [path, text] of await group.render(articles)) files.set(path, text);
    if (articles.length === group.items.length) complete.push(group);
  }
  return { files, complete, rejected: rendered.rejected };
}
