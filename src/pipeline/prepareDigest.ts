import { relative } from 'node:path';
import type { Article } from '../article/article.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { indexContent } from '../content/loadContent.js';
import { renderArticles } from '../content/renderArticles.js';
import { readOptionsOf } from '../content/readOptions.js';
import type { RenderedDigest } from '../digest/renderDigest.js';
import { renderDigest } from '../digest/renderDigest.js';
import type { DigestHistory } from '../digest/selectArticles.js';
import { selectArticles } from '../digest/selectArticles.js';
import { loadDigestTemplates } from '../digest/templates.js';
import { FEED_FILES } from '../feeds/channel.js';
import { templateFolder } from '../templating/templateFolder.js';

export type PreparedDigest = { kind: 'nothing-new' } | { kind: 'digest'; digest: RenderedDigest; articles: Article[] };

export interface PrepareDigestInput {
  config: ResolvedConfig;
  history: DigestHistory;
  number: number;
  now: Date;
  displayRoot: string;
  /** The build cache, when the caller has one: files are then read and bodies rendered only as a build would. */
  cache?: ContentMemo;
}

/** content/ + what was sent before -> the next digest, rendered once. Changes nothing. */
export async function prepareDigest(input: PrepareDigestInput): Promise<PreparedDigest> {
  const { config, now } = input;
  const displayPath = (path: string): string => relative(input.displayRoot, path) || path;
  const options = { contentDir: config.paths.content, site: config.site, now, displayRoot: input.displayRoot, reading: readOptionsOf(config), showUnpublished: config.showUnpublished };
  const index = await indexContent(options, input.cache);
  const selection = selectArticles(index.entries, input.history, config.digest);
  if (selection.kind === 'nothing-new') return selection;
  const rendered = new Map((await renderArticles(selection.articles, options, input.cache, { links: { siteUrl: config.site.url }, parsed: index.parsed })).articles.map((a) => [a.id, a]));
  const groups = selection.groups.map((group) => ({ tag: group.tag, articles: group.articles.flatMap((a) => rendered.get(a.id) ?? []) }));
  const articles = groups.flatMap((group) => group.articles);
  const templates = await loadDigestTemplates(templateFolder(config.paths.templates, displayPath), config.site.language);
  const digest = await renderDigest({
    content: { groups, moreCount: selection.moreCount },
    issue: { number: input.number, date: now, archiveUrl: archiveUrl(config, input.number) },
    site: config.site,
    digest: config.digest,
    templates,
    feedUrl: new URL(FEED_FILES.rss, config.site.url).href,
    displayPath,
  });
  return { kind: 'digest', digest, articles };
}

export function archiveUrl(config: ResolvedConfig, number: number): string {
  return new URL(`archive/${number}/`, config.site.url).href;
}

export function unsubscribePageUrl(config: ResolvedConfig, token: string): string {
  return subscriberPageUrl(config, 'unsubscribe', token);
}

export function preferencesPageUrl(config: ResolvedConfig, token: string): string {
  return subscriberPageUrl(config, 'preferences', token);
}

function subscriberPageUrl(config: ResolvedConfig, page: string, token: string): string {
  const url = new URL(page, config.site.url);
  url.searchParams.set('token', token);
  return url.href;
}
