import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StaticFile } from './staticFiles.js';

/** A file with validators (ETag, Last-Modified), 304 for a fresh copy, gzip when the client takes it. */
export function sendStatic(request: IncomingMessage, response: ServerResponse, file: StaticFile): void {
  // Browsers show application/rss+xml as plain text and never apply its stylesheet; a browser asking for a
  // page (Accept: text/html) gets the same bytes as application/xml, which it styles with feed.xsl.
  // Feed readers do not ask for HTML, so they keep the registered type.
  const forBrowser = file.browserType !== undefined && /\btext\/html\b/.test(String(request.headers.accept ?? ''));
  const gzip = file.gzipped !== undefined && acceptsGzip(String(request.headers['accept-encoding'] ?? ''));
  // A strong ETag names one representation (RFC 9110 section 8.8.3): the gzip bytes and the page-typed copy
  // each get their own, so a cache never revalidates one with the other.
  const etag = file.etag.replace(/"$/, `${forBrowser ? '-page' : ''}${gzip ? '-gzip' : ''}"`);
  const headers: Record<string, string> = {
    'Content-Type': forBrowser ? (file.browserType as string) : file.type,
    ETag: etag,
    'Last-Modified': file.lastModified.toUTCString(),
    'Cache-Control': file.cacheControl,
    Vary: file.browserType === undefined ? 'Accept-Encoding' : 'Accept-Encoding, Accept',
  };
  if (isFresh(request, etag, file)) {
    response.writeHead(304, headers).end();
    return;
  }
  const body = gzip ? (file.gzipped as Buffer) : file.body;
  response.writeHead(200, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** RFC 9110 section 13.1: If-None-Match wins over If-Modified-Since. */
function isFresh(request: IncomingMessage, etag: string, file: StaticFile): boolean {
  const noneMatch = request.headers['if-none-match'];
  if (noneMatch !== undefined) return noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
  const since = request.headers['if-modified-since'];
  return since !== undefined && !Number.isNaN(Date.parse(since)) && file.lastModified.getTime() <= Date.parse(since);
}

/** RFC 9110 section 12.5.3: `gzip` or `*` with a quality above 0 (`gzip;q=0` refuses it). */
function acceptsGzip(acceptEncoding: string): boolean {
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const quality = params.find((param) => param.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (quality === undefined || Number(quality.slice(2)) > 0);
  });
}
