import { readFileSync } from 'node:fs';
import type { Article, ArticleMeta } from '../article/article.js';
import { BroadsheetError } from '../errors.js';
import type { ContentMemo } from './contentMemo.js';
import { asContentError, displayFile, pathOf } from './contentPaths.js';
import type { LoadContentOptions, ParsedFiles } from './loadContent.js';
import type { RawEntry } from './rawEntry.js';
import { DEFAULT_READ_OPTIONS } from './readOptions.js';
import type { LinkTargets } from './renderBody.js';
import { sourceHash } from './sourceHash.js';

export interface RenderOptions {
  /** False: new renders are not kept (the pages of a whole archive would fill memory). */
  remember?: boolean;
  links?: LinkTargets;
  /** What the index parsed in this build (ContentIndex.parsed): such a file is not read again. */
  parsed?: ParsedFiles;
}

/**
 * Full articles for the given entries of an index: their bodies rendered, or taken from the cache. A body
 * is rendered from what the index parsed when it parsed that version of the file, else from the file.
 */
export async function renderArticles(
  entries: readonly ArticleMeta[],
  options: Pick<LoadContentOptions, 'contentDir' | 'displayRoot' | 'reading'>,
  cache?: ContentMemo,
  { remember = true, links, parsed }: RenderOptions = {},
): Promise<{ articles: Article[]; rejected: BroadsheetError[] }> {
  const cached = entries.map((meta) => cache?.render(meta.sourcePath, meta.sourceHash, meta.url));
  const renderer = cached.some((body) => body === undefined) ? await loadRenderer() : undefined;
  // Synchronous reads, as for the index: rendering is synchronous work anyway, and with reads in flight on
  // the thread pool a first build of 10,000 articles took ~0.25 s longer (A/B, 11 alternating runs).
  const rendered = entries.map((meta, i): Article | BroadsheetError => {
    const body = cached[i];
    if (body !== undefined) return { ...meta, ...body };
    const file = displayFile(options, meta.sourcePath);
    try {
      const { parseArticleText, renderArticleBody } = renderer as Renderer;
      const known = parsed?.get(meta.sourcePath);
      let source: { sourceHash: string; parsed: RawEntry };
      if (known?.sourceHash === meta.sourceHash) {
        source = known;
        parsed?.delete(meta.sourcePath);
      } else {
        const bytes = readFileSync(pathOf(options, meta.sourcePath));
        const again = parseArticleText({ sourcePath: meta.sourcePath, file, bytes }, options.reading ?? DEFAULT_READ_OPTIONS);
        if ('skip' in again) throw new BroadsheetError('CONTENT_INVALID', 'is no longer an article (it changed since it was indexed).', { file, hint: 'Build again.' });
        source = { sourceHash: sourceHash(bytes), parsed: again };
      }
      const fresh = renderArticleBody(meta, source.parsed, links);
      if (remember) cache?.setRender(meta.sourcePath, { sourceHash: source.sourceHash, url: meta.url, body: fresh });
      return { ...meta, ...fresh };
    } catch (error) {
      return asContentError(error, file);
    }
  });
  return {
    articles: rendered.filter((r): r is Article => !(r instanceof BroadsheetError)),
    rejected: rendered.filter((r): r is BroadsheetError => r instanceof BroadsheetError),
  };
}

type Renderer = Awaited<ReturnType<typeof loadRenderer>>;

/** Markdown, sanitising and HTML-to-text are loaded only when a body must be rendered. */
async function loadRenderer() {
  const [{ parseArticleText }, { renderArticleBody }] = await Promise.all([import('./parseArticleText.js'), import('./toArticle.js')]);
  return { parseArticleText, renderArticleBody };
}
