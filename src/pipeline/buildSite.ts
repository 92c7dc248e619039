import { relative } from 'node:path';
import type { BuildCache } from '../cache/buildCache.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentChanges, ContentSkip } from '../content/loadContent.js';
import { indexContent } from '../content/loadContent.js';
import { readOptionsOf } from '../content/readOptions.js';
import { articleLinks } from '../content/articleLinks.js';
import type { BroadsheetError } from '../errors.js';
import type { ArchiveAssignments } from '../feeds/archivePlan.js';
import { FEED_STYLESHEET } from '../feeds/channel.js';
import { renderFeedStylesheet } from '../feeds/feedStylesheet.js';
import type { OutputTarget } from '../io/outputTarget.js';
import { outputFolder } from '../io/outputTarget.js';
import { listFiles, statFiles } from '../io/fileStats.js';
import { withWriteMarker } from '../io/writeMarker.js';
import { ARCHIVE_INDEX, renderArchiveIndex } from '../pages/archiveIndexPage.js';
import { sectionsOf } from '../pages/sections.js';
import { loadSitePages } from '../pages/sitePages.js';
import { readTemplate, templateFolder } from '../templating/templateFolder.js';
import type { OutputGroup } from './planSite.js';
import type { BuildWarning, FileSources } from './planFiles.js';
import { linkedSources } from './planFiles.js';
import { manifestPath, writeBuildManifest } from './buildManifest.js';
import { planSite } from './planSite.js';
import type { RenderedGroups } from './renderGroups.js';
import { renderGroups } from './renderGroups.js';
import type { WrittenOutputs } from './writeOutputs.js';
import { writeOutputs } from './writeOutputs.js';

export interface BuildReport extends WrittenOutputs {
  published: number;
  /** Article files added, edited or removed since the cache last saw them (all added without a cache). */
  changes: ContentChanges;
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
  /** Template syntax shown as written, one per construct (file and line); links to files that are not there; files not copied. */
  warnings: BuildWarning[];
  /** The archive pages new articles were put on (feeds.archive): the caller keeps them for every later build. */
  archiveAdded: ArchiveAssignments;
}

export interface BuildDependencies {
  now: Date;
  /** Error messages name files relative to this folder (the CLI passes its working directory). */
  displayRoot: string;
  /** What earlier builds learnt (kept by a long-running process, persisted in the state store by the CLI). */
  cache?: BuildCache;
  /**
   * The archive page of every article of every channel, as earlier builds placed them (the state store
   * keeps them); without it, the archive is paged as if it were the first build.
   */
  archivePages?: ArchiveAssignments;
  /** Where the outputs go; the out folder (`paths.out`) when not given. */
  target?: OutputTarget;
  /** Where a build into the out folder writes its manifest (an absolute path); `out/.broadsheet-manifest.json` when not given. */
  manifest?: string;
  /** How far the build is: files read for the index, then files written (of those the plan found stale). */
  onProgress?: (progress: BuildProgress) => void;
  /** Told how many articles the index holds, before anything is rendered (the process may tune its heap to it). */
  onIndexed?: (articles: number) => void;
}

export type BuildProgress = { stage: 'index' | 'write'; done: number; total: number };

/** Files copied from the templates (the site's own or the built-in one) to out/: template path -> output path. */
const STATIC_FILES = [
  ['site/style.css', 'style.css'],
  ['site/favicon.svg', 'favicon.svg'],
] as const;

/**
 * Pages are rendered about this many articles at a time (an article page holds one, an archive page up to
 * feeds.archivePageSize), so a first build of a large archive never holds every body. Small, so that a
 * batch's bodies and pages are mostly written before a young-generation collection would move them to the
 * old one, where they wait for a full collection (10,000 articles with pages: 200 a batch peaked at 450 MB,
 * 50 at 330 MB, for the same CPU time).
 */
const PAGE_BATCH = 50;

/**
 * content/ -> feeds, the index page, article pages and the feed stylesheet, in three steps: plan (which
 * groups of files, from which articles, under which keys), render (only the groups whose key or files
 * changed), write. Every good article is published even when others are rejected.
 */
export async function buildSite(config: ResolvedConfig, deps: BuildDependencies): Promise<BuildReport> {
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot, reading: readOptionsOf(config), showUnpublished: config.showUnpublished };
  const target = deps.target ?? outputFolder(config.paths.out);
  const { onProgress } = deps;
  const index = await indexContent(onProgress === undefined ? options : { ...options, onFileIndexed: (done, total) => onProgress({ stage: 'index', done, total }) }, deps.cache?.content);
  deps.onIndexed?.(index.entries.length);
  const templates = templateFolder(config.paths.templates, (path) => relative(deps.displayRoot, path) || path);
  const pages = await loadSitePages(templates, config.site, config.digest);
  const fileSources: FileSources = {
    siteUrl: config.site.url,
    contentDir: config.paths.content,
    outDir: config.paths.out,
    linked: statFiles(config.paths.content, linkedSources(index.entries, config.site.url)),
    ...(config.paths.static === undefined ? {} : { static: { dir: config.paths.static, files: listFiles(config.paths.static) } }),
    display: (path) => relative(deps.displayRoot, path) || path,
  };
  const reserved = [FEED_STYLESHEET, ARCHIVE_INDEX, ...STATIC_FILES.map(([, path]) => path)];
  const plan = planSite(index.entries, config, deps.now, pages, { ...(deps.cache === undefined ? {} : { feedPlans: deps.cache.feedPlans }), archivePages: deps.archivePages ?? new Map(), files: fileSources, reserved });
  const memo = deps.cache?.outputs;
  const stale = new Set([...plan.shared, ...plan.pages].filter((group) => memo === undefined || !memo.isFresh(group.name, group.key, target.stat)));
  const isStale = (group: OutputGroup) => stale.has(group);
  // A file is copied again only when it or its copy moved: a rebuild never rereads an archive's images.
  const copies = plan.copies.filter((copy) => memo === undefined || !memo.isFresh(copy.name, copy.key, target.stat));
  const copying = new Set(copies);
  const writing = counted(target, [...stale].reduce((n: number, group) => n + group.paths.length, STATIC_FILES.length + copies.length), onProgress);
  const rejected = [...index.rejected];
  const failed = new Set<string>();
  const links = articleLinks(config.site.url, index.entries);
  const summaries = new Map<string, string>();
  const render = async (groups: OutputGroup[], remember: boolean): Promise<RenderedGroups> => {
    const rendered = await renderGroups(groups, options, { cache: deps.cache?.content, remember, links, parsed: index.parsed, summaries });
    for (const error of rendered.rejected) {
      // An article in several groups fails once, not once per group.
      if (failed.has(String(error.file))) continue;
      failed.add(String(error.file));
      rejected.push(error);
    }
    return rendered;
  };
  async function* batches() {
    // Feed items are remembered (the next build re-renders a feed from them); a page's body is not needed again.
    yield await render(plan.shared.filter(isStale), true);
    for (const batch of batchesOf(plan.pages.filter(isStale), PAGE_BATCH)) yield await render(batch, false);
    const files = new Map<string, string>();
    files.set(FEED_STYLESHEET, await renderFeedStylesheet(templates, pages.messages, config.site));
    for (const [template, path] of STATIC_FILES) files.set(path, (await readTemplate(templates, template)).source);
    // Every page links to the past issues. Once a digest is archived (archive/<n>/), sending writes the index;
    // until then the build keeps a page saying there is none yet.
    if ((await target.folders('archive')).length === 0) files.set(ARCHIVE_INDEX, renderArchiveIndex(pages, [], sectionsOf(config.site.sections, index.entries, pages.paths.home)()));
    yield { files, complete: [] };
  }
  const write = () => writeOutputs(writing, plan, batches(), copies, memo);
  // On disk, a build killed mid-write leaves temporary files; the next build removes them (see withWriteMarker).
  const writeWithManifest = async () => {
    const written = await write();
    writeBuildManifest(deps.manifest ?? manifestPath(config.paths.out), deps.now, written);
    return written;
  };
  const outputs = await (deps.target === undefined ? withWriteMarker(config.paths.out, writeWithManifest) : write());
  return {
    published: index.entries.length - failed.size,
    changes: index.changes,
    rejected,
    skipped: index.skipped,
    warnings: [...index.warnings, ...plan.warnings],
    written: outputs.written,
    unchanged: [...[...plan.shared, ...plan.pages].flatMap((group) => (stale.has(group) ? [] : group.paths)), ...plan.copies.flatMap((copy) => (copying.has(copy) ? [] : [copy.path])), ...outputs.unchanged],
    removed: outputs.removed,
    archiveAdded: plan.archiveAdded,
  };
}

/** The groups in order, in batches of at least `size` articles (or one group holding more), the last maybe fewer. */
function* batchesOf(groups: readonly OutputGroup[], size: number): Generator<OutputGroup[]> {
  let batch: OutputGroup[] = [];
  let articles = 0;
  for (const group of groups) {
    batch.push(group);
    // A page of no article (an alias page) counts as one, so a batch never grows without bound.
    articles += Math.max(1, group.items.length);
    if (articles < size) continue;
    yield batch;
    batch = [];
    articles = 0;
  }
  if (batch.length > 0) yield batch;
}

/** `target`, telling `onProgress` after each file it writes (or finds unchanged), of `total`. */
function counted(target: OutputTarget, total: number, onProgress: BuildDependencies['onProgress']): OutputTarget {
  if (onProgress === undefined) return target;
  let done = 0;
  onProgress({ stage: 'write', done, total });
  return {
    ...target,
    write: async (path, text) => {
      const outcome = await target.write(path, text);
      onProgress({ stage: 'write', done: ++done, total });
      return outcome;
    },
    copy: async (path, from) => {
      await target.copy(path, from);
      onProgress({ stage: 'write', done: ++done, total });
    },
  };
}
