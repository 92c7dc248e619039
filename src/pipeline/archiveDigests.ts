import { join, relative } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { indexContent } from '../content/loadContent.js';
import { readOptionsOf } from '../content/readOptions.js';
import { issuePage, renderArchiveIssues } from '../digest/renderArchive.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { ARCHIVE_INDEX, renderArchiveIndex } from '../pages/archiveIndexPage.js';
import { sectionsOf } from '../pages/sections.js';
import { loadSitePages } from '../pages/sitePages.js';
import type { Db } from '../store/database.js';
import { listSentEditions } from '../store/digestLog.js';
import { templateFolder } from '../templating/templateFolder.js';

/**
 * Writes every finished digest's pages (one per edition) and the archive index (by number, whatever order they finished in),
 * which has the site's header, so its sections come from the articles as a build's do; returns the paths
 * under out/.
 */
export async function writeArchive(db: Db, config: ResolvedConfig, deps: { now: Date; displayRoot: string; cache?: ContentMemo }): Promise<string[]> {
  const displayPath = (path: string) => relative(deps.displayRoot, path) || path;
  const pages = await loadSitePages(templateFolder(config.paths.templates, displayPath), config.site, config.digest);
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot, reading: readOptionsOf(config) };
  const sections = sectionsOf(config.site.sections, config.site.sections === undefined ? (await indexContent(options, deps.cache)).entries : [], pages.paths.home);
  const archived = listSentEditions(db).map((e) => ({ ...e, page: issuePage(e.number, e.edition) }));
  const files = renderArchiveIssues(archived, config.site).set(ARCHIVE_INDEX, renderArchiveIndex(pages, archived, sections()));
  for (const [path, body] of files) writeFileAtomic(join(config.paths.out, path), body);
  return [...files.keys()];
}
