import { relative } from 'node:path';
import type { ArticleMeta } from '../article/article.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { indexContent } from '../content/loadContent.js';
import { renderArticles } from '../content/renderArticles.js';
import { readOptionsOf } from '../content/readOptions.js';
import { issuePage } from '../digest/renderArchive.js';
import type { MjmlRenderer, RenderedDigest } from '../digest/renderDigest.js';
import { renderDigest } from '../digest/renderDigest.js';
import type { ArticleGroup, Catalogue } from '../digest/selectArticles.js';
import { catalogueOf } from '../digest/selectArticles.js';
import type { DigestTemplates } from '../digest/templates.js';
import { loadDigestTemplates } from '../digest/templates.js';
import { FEED_FILES } from '../feeds/channel.js';
import { templateFolder } from '../templating/templateFolder.js';

/** One distinct selection of a run: its articles, grouped, and how many more were left for the site. */
export interface EditionContent {
  groups: ArticleGroup<ArticleMeta>[];
  moreCount: number;
}

/** content/ as one run sees it: the published articles to select from, and the renderer of its editions. */
export interface DigestSource {
  catalogue: Catalogue<ArticleMeta>;
  /** Edition i of digest `number` is `editions[i]`, numbered from 1: one MJML render each, never one per reader. */
  render(number: number, editions: readonly EditionContent[]): Promise<RenderedDigest[]>;
}

export interface DigestSourceInput {
  config: ResolvedConfig;
  now: Date;
  displayRoot: string;
  /** The build cache, when the caller has one: files are then read and bodies rendered only as a build would. */
  cache?: ContentMemo | undefined;
  /** mjml2html unless a test or the bench counts the renders. */
  renderMjml?: MjmlRenderer | undefined;
}

/** Reads content/ once for a run. Changes nothing. */
export async function openDigestSource(input: DigestSourceInput): Promise<DigestSource> {
  const { config, now } = input;
  const displayPath = (path: string): string => relative(input.displayRoot, path) || path;
  const options = { contentDir: config.paths.content, site: config.site, now, displayRoot: input.displayRoot, reading: readOptionsOf(config), showUnpublished: config.showUnpublished };
  const index = await indexContent(options, input.cache);
  let templates: DigestTemplates | undefined;
  return {
    catalogue: catalogueOf(index.entries),
    async render(number, editions) {
      const wanted = new Map(editions.flatMap((e) => e.groups.flatMap((g) => g.articles)).map((a) => [a.id, a]));
      // Every article's body is rendered once, however many editions hold it.
      const rendered = new Map((await renderArticles([...wanted.values()], options, input.cache, { links: { siteUrl: config.site.url }, parsed: index.parsed })).articles.map((a) => [a.id, a]));
      templates ??= await loadDigestTemplates(templateFolder(config.paths.templates, displayPath), config.site.language);
      const loaded = templates;
      const digests: RenderedDigest[] = [];
      for (const [i, edition] of editions.entries()) {
        const groups = edition.groups.map((group) => ({ tag: group.tag, articles: group.articles.flatMap((a) => rendered.get(a.id) ?? []) }));
        digests.push(
          await renderDigest({
            content: { groups, moreCount: edition.moreCount },
            issue: { number, date: now, archiveUrl: archiveUrl(config, number, i + 1) },
            site: config.site,
            digest: config.digest,
            templates: loaded,
            feedUrl: new URL(FEED_FILES.rss, config.site.url).href,
            displayPath,
            renderMjml: input.renderMjml,
          }),
        );
      }
      return digests;
    },
  };
}

/** An edition's page in the web archive ("view in browser"). */
export function archiveUrl(config: ResolvedConfig, number: number, edition: number): string {
  return new URL(`archive/${issuePage(number, edition)}`, config.site.url).href;
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
