import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { Route } from '../server/createServer.js';
import type { StaticFiles } from '../server/staticFiles.js';
import { inboxMessageHtml, inboxPage, INBOX_PATH } from './inboxPage.js';
import type { DevEvent, LiveReload } from './liveReload.js';
import { withLiveReload } from './liveReload.js';

export const DIGEST_PATH = '/_digest';

export interface DevRouteDependencies {
  site: SiteConfig;
  /** The dev out folder: its pages are served with the live-reload script added. */
  files: StaticFiles;
  liveReload: LiveReload;
  inboxDir: string;
  /** The next digest as it would be mailed now (HTML), or a page saying there is nothing new. */
  digestPreview: () => Promise<string>;
}

/** What `dev` serves on top of `serve`: live reload, the digest preview, the inbox, and pages that reload. */
export function devRoutes(deps: DevRouteDependencies): Route {
  return async (request, response, url) => {
    if (deps.liveReload.handle(request, response, url)) return true;
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (url.pathname === DIGEST_PATH) return page(request, response, deps, await deps.digestPreview());
    if (url.pathname === INBOX_PATH) return page(request, response, deps, await inboxPage(deps.site, deps.inboxDir), ['rebuilt', 'mail']);
    if (url.pathname.startsWith(`${INBOX_PATH}/`)) {
      const html = await inboxMessageHtml(deps.inboxDir, url.pathname.slice(INBOX_PATH.length + 1));
      return html === undefined ? false : page(request, response, deps, html);
    }
    // Pages of the site get the live-reload script; feeds and everything else are served as `serve` does.
    const file = await deps.files.get(url.pathname);
    if (file === undefined || !file.type.startsWith('text/html')) return false;
    return page(request, response, deps, file.body.toString('utf8'));
  };
}

/** Never cached: a page is only as good as the last rebuild. */
function page(request: IncomingMessage, response: ServerResponse, deps: DevRouteDependencies, html: string, events?: readonly DevEvent[]): true {
  const body = Buffer.from(withLiveReload(html, deps.liveReload.counts(), events));
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
