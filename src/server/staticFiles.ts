import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import mime from 'mime';
import type { FeedFormat } from '../feeds/channel.js';
import { archivePageFormat, FEED_FILES, FEED_TYPES as TYPE_OF_FORMAT } from '../feeds/channel.js';

/** The text broadsheet writes, always UTF-8; any other file (an article's image, PDF or recording, a static file) gets mime's type. */
const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Feeds get their registered types, so readers and browsers know what they are. */
const FEED_TYPES: Record<string, string> = Object.fromEntries((Object.keys(FEED_FILES) as FeedFormat[]).map((format) => [FEED_FILES[format], TYPE_OF_FORMAT[format]]));

/**
 * A feed is polled, so it may be kept five minutes. An archive page that links a newer one is one no new
 * article goes on (src/feeds/archivePlan.ts): it changes only when one of its own articles does, so a
 * reader may keep it a week, and then asks with its ETag. The newest page fills up, and is kept as a feed.
 */
function feedCacheControl(file: string, name: string, body: Buffer): string | undefined {
  if (archivePageFormat(file.split(sep).join('/')) !== undefined) return /"next-archive"|"next_archive"/.test(body.toString('utf8')) ? 'public, max-age=604800' : 'public, max-age=300';
  return name in FEED_TYPES ? 'public, max-age=300' : undefined;
}

/** The registered type of a feed, also for an archive page (feeds/archive/atom-3.xml is Atom). */
function feedType(file: string, name: string): string | undefined {
  const archived = archivePageFormat(file.split(sep).join('/'));
  return FEED_TYPES[archived === undefined ? name : FEED_FILES[archived]];
}

export interface StaticFile {
  body: Buffer;
  gzipped: Buffer | undefined;
  type: string;
  etag: string;
  lastModified: Date;
  cacheControl: string;
  /** For RSS and Atom: the type under which a browser applies the feed's XSL stylesheet. */
  browserType: string | undefined;
}

/**
 * Files under `root`, read once per (path, mtime, size) and kept with their ETag and gzip, so a popular feed
 * polled by thousands of readers costs a stat and a realpath per request. Paths that leave the root or name
 * a dotfile are not served, nor is a file whose real path is outside the root's (a symlink `out/x ->
 * /etc/passwd`, or a linked folder on the way); the root itself may be a link.
 */
export class StaticFiles {
  private readonly cache = new Map<string, { key: string; file: StaticFile }>();

  constructor(private readonly root: string) {}

  async get(urlPath: string): Promise<StaticFile | undefined> {
    const path = this.resolve(urlPath);
    if (path === undefined) return undefined;
    let info = await stat(path).catch(() => undefined);
    let file = path;
    if (info?.isDirectory()) {
      file = join(path, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (info === undefined || !info.isFile()) return undefined;
    const real = await this.inside(file);
    if (real === undefined) return undefined;
    const key = `${info.mtimeMs}:${info.size}`;
    const cached = this.cache.get(file);
    if (cached?.key === key) return cached.file;
    const body = await readFile(real);
    const name = file.slice(file.lastIndexOf(sep) + 1);
    const type = feedType(file, name) ?? TEXT_TYPES[extname(name).toLowerCase()] ?? mime.getType(name) ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/(.*xml|.*json))/.test(type) && body.length > 512;
    const entry: StaticFile = {
      body,
      gzipped: compressible ? gzipSync(body) : undefined,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      lastModified: new Date(Math.floor(info.mtimeMs / 1000) * 1000),
      cacheControl: feedCacheControl(file, name, body) ?? 'public, max-age=60',
      browserType: type.startsWith('application/rss+xml') || type.startsWith('application/atom+xml') ? 'application/xml; charset=utf-8' : undefined,
    };
    this.cache.set(file, { key, file: entry });
    return entry;
  }

  /** The real path of `path` when it lies inside the root's real path; read that one, not the link. */
  private async inside(path: string): Promise<string | undefined> {
    const [real, root] = await Promise.all([realpath(path).catch(() => undefined), realpath(this.root).catch(() => undefined)]);
    if (real === undefined || root === undefined) return undefined;
    return real.startsWith(root.endsWith(sep) ? root : root + sep) ? real : undefined;
  }

  private resolve(urlPath: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return undefined;
    const path = normalize(join(this.root, decoded));
    return path === this.root || path.startsWith(this.root + sep) ? path : undefined;
  }
}
