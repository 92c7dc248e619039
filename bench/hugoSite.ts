import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { copyStaticFiles, writeArchiveAsMarkdown } from './peerSite.js';

/** broadsheet's settings that decide what a build writes: the bench asks Hugo for the same. */
export interface LikeForLike {
  feedLimit: number;
  pageSize: number;
}

/** Hugo configurations in the prepared site: one per row of the bench's table. */
export const HUGO_CONFIGS = {
  /** broadsheet with article pages off: site and tag feeds (RSS, Atom, JSON Feed), paginated index and tag pages. */
  feeds: 'feeds.toml',
  /** The default build: the same plus a page per article. */
  site: 'site.toml',
  /** Hugo's own default: one RSS feed of every article, nothing else; not the same work as broadsheet's. */
  rssOnly: 'rss-only.toml',
} as const;

const LAYOUTS = resolve(import.meta.dirname, 'hugo/layouts');

/**
 * The same archive as a Hugo site (bench/peerSite.ts); the bench's layouts (bench/hugo/) give Atom and JSON Feed, which Hugo
 * has no template for, and each feed's newest `feedLimit` with full content, as broadsheet writes them.
 */
export async function prepareHugoSite(archive: string, site: string, settings: LikeForLike): Promise<void> {
  await rm(site, { recursive: true, force: true });
  await mkdir(join(site, 'content/posts'), { recursive: true });
  await cp(LAYOUTS, join(site, 'layouts'), { recursive: true });
  await copyStaticFiles(join(site, 'static'));
  // broadsheet's archive/index.html (past digests): one page Hugo renders and lists nowhere.
  await writeFile(join(site, 'content/archive.md'), '---\ntitle: Past issues\nlayout: archive\nurl: /archive/\noutputs: [HTML]\n_build: {list: never}\n---\nNo issues yet.\n');
  const common = [
    'baseURL = "https://bench.example.org/"',
    'title = "bench"',
    'disableAliases = true',
    // Hugo 0.111 calls turning off the /tags/ list page an error unless told that it is meant.
    'ignoreErrors = ["error-disable-taxonomy"]',
    `paginate = ${settings.pageSize}`,
    `[params]`,
    `  feedLimit = ${settings.feedLimit}`,
    '[mediaTypes."application/atom+xml"]',
    '  suffixes = ["xml"]',
    '[mediaTypes."application/feed+json"]',
    '  suffixes = ["json"]',
    '[outputFormats.RSS]',
    '  baseName = "rss"',
    '[outputFormats.Atom]',
    '  mediaType = "application/atom+xml"',
    '  baseName = "atom"',
    '[outputFormats.JSONFeed]',
    '  mediaType = "application/feed+json"',
    '  baseName = "feed"',
    '  isPlainText = true',
  ];
  const outputs = (extra: string[]) => [
    'disableKinds = ["taxonomy", "section", "sitemap", "robotsTXT", "404"]',
    ...common,
    '[outputs]',
    '  home = ["HTML", "RSS", "Atom", "JSONFeed"]',
    '  term = ["HTML", "RSS", "Atom", "JSONFeed"]',
    '  page = ["HTML"]',
    ...extra,
    '',
  ].join('\n');
  // Hugo 0.111 reads `page = []` as "the default"; articles it should not write are told so by a cascade.
  await writeFile(join(site, HUGO_CONFIGS.feeds), outputs(['[[cascade]]', '  [cascade._build]', '    render = "never"', '  [cascade._target]', '    path = "/posts/**"']));
  await writeFile(join(site, HUGO_CONFIGS.site), outputs([]));
  // Hugo's defaults for RSS (every page, no limit) with its own template, every other output turned off.
  await mkdir(join(site, 'rss-only'), { recursive: true });
  await writeFile(
    join(site, HUGO_CONFIGS.rssOnly),
    [
      'baseURL = "https://bench.example.org/"',
      'title = "bench"',
      'layoutDir = "rss-only"',
      'staticDir = "rss-only"',
      'disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]',
      '[outputs]',
      '  home = ["RSS"]',
      '  section = []',
      '  page = []',
      '',
    ].join('\n'),
  );
  await writeArchiveAsMarkdown(archive, join(site, 'content/posts'));
}
