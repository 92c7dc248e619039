import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isBroadsheetError } from '../errors.js';
import { listenFailed } from '../io/systemErrors.js';
import type { Logger } from '../log/logger.js';
import type { RequestLimits } from '../store/requestLimits.js';
import type { Subscriptions } from '../subscribers/subscriptions.js';
import { handlePreferencesRoute } from './preferencesRoutes.js';
import { handleSubscriptionRoute } from './subscriptionRoutes.js';
import type { WebhookRoutes } from './webhookRoutes.js';
import { sendStatic } from './sendStatic.js';
import { StaticFiles } from './staticFiles.js';
import type { SitePages } from '../pages/sitePages.js';
import { serverPage } from './serverPage.js';

export interface ServerDependencies {
  outDir: string;
  /** templates/site/ compiled for the site: the pages the subscription endpoints and a 404 answer with. */
  pages: SitePages;
  /** undefined when no secret or SMTP is configured: the subscription endpoints then answer 503. */
  subscriptions: Subscriptions | undefined;
  /** Where the per-client limit of /subscribe is counted: the state database, shared by every `serve`. */
  requestLimits: RequestLimits;
  logger: Logger;
  now: () => number;
  /** The relays' report webhooks, when the service takes them. */
  webhooks?: WebhookRoutes;
  /** Tried first, in order (`dev` adds its pages here). */
  routes?: readonly Route[];
}

/** A handler for some requests: true when it answered, false to leave the request to the next one. */
export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** out/ over HTTP, plus the subscribe, confirm and unsubscribe endpoints. */
export function createServer(deps: ServerDependencies): { listen(port: number, host: string): Promise<RunningServer> } {
  const listener = requestListener(deps);
  return { listen: (port, host) => listenHttp(listener, port, host, deps.logger) };
}

/** The server's answers, apart from the listening: `dev` listens first, to build for the address it got. */
export function requestListener(deps: ServerDependencies): RequestListener {
  const files = new StaticFiles(deps.outDir);
  // Five at once, then ten a minute: enough for a person and their typos, not for flooding strangers' inboxes.
  const limiter = deps.requestLimits.of('subscribe', { burst: 5, perMinute: 10 }, deps.now);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const route of deps.routes ?? []) if (await route(request, response, url)) return;
    if (await handleSubscriptionRoute(request, response, url, { ...deps, limiter })) return;
    if (await handlePreferencesRoute(request, response, url, deps)) return;
    if (deps.webhooks !== undefined && (await deps.webhooks(request, response, url))) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    const file = await files.get(url.pathname);
    if (file === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(notFound(deps.pages));
      return;
    }
    sendStatic(request, response, file);
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      deps.logger.log('error', 'http.error', { path: request.url, error: isBroadsheetError(error) ? error.describe() : String(error) });
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal error\n');
    });
  };
}

export function listenHttp(listener: RequestListener, port: number, host: string, logger: Logger): Promise<RunningServer> {
  const server = createHttpServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenFailed(error, { host, port, field: 'server.port', flag: '--port' })));
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      logger.log('info', 'http.listening', { host, port: actual });
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}

function notFound(pages: SitePages): string {
  const heading = pages.messages.text('error.notFound.heading');
  return serverPage(pages, 'error', heading, { heading, message: pages.messages.text('error.notFound.message'), retry: false, action: undefined, refill: undefined });
}
