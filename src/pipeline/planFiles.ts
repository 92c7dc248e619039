import { join } from 'node:path';
import mime from 'mime';
import type { ArticleMeta, LinkedFile } from '../article/article.js';
import { publishedFilePath, publishedFileUrl } from '../article/linkedFile.js';
import type { OutputStat } from '../io/outputTarget.js';

/** A file copied into the out folder as it is: one an article links to, or one of the static folder. */
export interface CopiedFile {
  /** What the output memo knows the copy by. */
  name: string;
  /** Relative to the out folder. */
  path: string;
  /** The absolute path of the file copied. */
  from: string;
  /** The source's size and mtime: a copy is made again when they move. */
  key: string;
}

/** What a feed says of an enclosure it links: the file's real length and type. */
export interface Enclosure {
  length: number;
  type: string;
}

/** Something a build could not do as asked, and went on without: `file` as messages show it. */
export interface BuildWarning {
  file: string;
  line?: number;
  message: string;
}

export interface FilePlan {
  /** In a stable order: the articles' files, then the static folder's. */
  copies: CopiedFile[];
  /** By the URL a feed links: the articles' published files. */
  enclosures: Map<string, Enclosure>;
  warnings: BuildWarning[];
}

/** What planning the copies needs beside the articles: where things are, what the build found there, how messages name files. */
export interface FileSources {
  siteUrl: string;
  contentDir: string;
  /** Where the outputs go (messages name the out file of a clash by it). */
  outDir: string;
  /** The content folder's files the articles link to (linkedSources) that exist, by their paths there. */
  linked: ReadonlyMap<string, OutputStat>;
  /** The static folder and every file in it, by its path there; none without a static folder. */
  static?: { dir: string; files: ReadonlyMap<string, OutputStat> };
  /** Messages name a file by this (relative to the working directory). */
  display: (absolutePath: string) => string;
}

/** The paths in the content folder of every file the articles link to: what a build looks up before it plans. */
export function linkedSources(entries: readonly ArticleMeta[], siteUrl: string): string[] {
  return [...new Set(entries.flatMap((entry) => (entry.files ?? []).flatMap((file) => placeOfFile(siteUrl, entry, file)?.source ?? [])))];
}

/**
 * A linked file's path in the content folder (`source`) and where it is published (`path`, relative to the
 * out folder): a relative link's file as linkedFile.ts places it; a rooted link's at its path from the site's
 * root, which is also where a static folder's file is. Undefined for a link from the host's root that is
 * not under the site's URL (another site on the host).
 */
function placeOfFile(siteUrl: string, entry: ArticleMeta, file: LinkedFile): { source: string; path: string } | undefined {
  if (file.from === undefined) return { source: file.path, path: publishedFilePath(siteUrl, entry, file.path) };
  if (file.from === 'site') return { source: file.path, path: file.path };
  const base = new URL(siteUrl).pathname.slice(1);
  return file.path.startsWith(base) ? { source: file.path.slice(base.length), path: file.path.slice(base.length) } : undefined;
}

/**
 * Which files are copied where, and what each feed's enclosure says of its file. Pure: the files' stats come
 * in `sources`. An article's file is published once, for the first article (newest first) that puts it at
 * its path; a link to a file that is not there is a warning naming the article and the line. A static file
 * gives way to an article's (a warning names both); what the build writes itself is left to
 * withoutGenerated, since the feeds' plan needs the enclosures first.
 */
export function planFiles(entries: readonly ArticleMeta[], sources: FileSources): FilePlan {
  const plan: FilePlan = { copies: [], enclosures: new Map(), warnings: [] };
  const taken = new Map<string, string>();
  const clash = (from: string, path: string): boolean => {
    const holder = taken.get(path);
    if (holder !== undefined && holder !== from) plan.warnings.push({ file: sources.display(from), message: `is not copied to ${sources.display(join(sources.outDir, path))}: ${sources.display(holder)} is published there; rename or move one of them.` });
    return holder !== undefined;
  };
  for (const entry of entries) {
    for (const file of entry.files ?? []) {
      const place = placeOfFile(sources.siteUrl, entry, file);
      if (place === undefined) continue;
      const { source, path } = place;
      const from = join(sources.contentDir, source);
      const stat = sources.linked.get(source);
      if (stat === undefined) {
        if (file.from !== undefined && sources.static?.files.has(path) === true) continue;
        const missing =
          file.from === undefined
            ? `${sources.display(from)}, which does not exist`
            : `/${path}, which is neither ${sources.display(from)} nor ${sources.static === undefined ? 'in a static folder' : sources.display(join(sources.static.dir, path))}`;
        plan.warnings.push({ file: sources.display(join(sources.contentDir, entry.sourcePath)), line: file.line, message: `links to ${missing}, so the link leads nowhere; add the file or fix the link.` });
        continue;
      }
      if (clash(from, path)) continue;
      taken.set(path, from);
      plan.copies.push({ name: `file:${path}`, path, from, key: `${from} ${stat.size} ${stat.mtimeMs}` });
      plan.enclosures.set(publishedFileUrl(sources.siteUrl, path), { length: stat.size, type: mime.getType(path) ?? 'application/octet-stream' });
    }
  }
  const { dir: staticDir, files: staticFiles } = sources.static ?? { dir: '', files: new Map<string, OutputStat>() };
  for (const [path, stat] of staticFiles) {
    const from = join(staticDir, path);
    if (clash(from, path)) continue;
    taken.set(path, from);
    plan.copies.push({ name: `static:${path}`, path, from, key: `${from} ${stat.size} ${stat.mtimeMs}` });
  }
  return plan;
}

/**
 * The copies but those at a path the build writes itself (`generated`: a page, a feed): a copy never replaces
 * one, and each left out is a warning naming both. (An enclosure is an image, which no page or feed is.)
 */
export function withoutGenerated(plan: FilePlan, generated: ReadonlySet<string>, sources: Pick<FileSources, 'outDir' | 'display'>): Pick<FilePlan, 'copies' | 'warnings'> {
  const clashes = plan.copies.filter((copy) => generated.has(copy.path));
  return {
    copies: plan.copies.filter((copy) => !generated.has(copy.path)),
    warnings: [...plan.warnings, ...clashes.map((copy) => ({ file: sources.display(copy.from), message: `is not copied to ${sources.display(join(sources.outDir, copy.path))}: the build writes that file itself; rename or move this one.` }))],
  };
}
