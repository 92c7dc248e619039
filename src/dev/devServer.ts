import type { RequestListener } from 'node:http';
import { join, relative } from 'node:path';
import { subscriptionsFor } from '../app.js';
import { emptyBuildCache } from '../cache/buildCache.js';
import { devConfig, devStateDir } from '../config/devConfig.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { inboxMailer } from '../delivery/inboxMailer.js';
import { isBroadsheetError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { buildSite } from '../pipeline/buildSite.js';
import { previewDigest } from '../pipeline/previewDigest.js';
import { listenHttp, requestListener } from '../server/createServer.js';
import { StaticFiles } from '../server/staticFiles.js';
import { loadSitePages } from '../pages/sitePages.js';
import { loadConfirmationMail } from '../subscribers/confirmationMail.js';
import { templateFolder } from '../templating/templateFolder.js';
import { messagePage } from './devLayout.js';
import { devRoutes } from './devRoutes.js';
import { devSecret } from './devSecret.js';
import { LiveReload } from './liveReload.js';
import type { SourceChange } from './watchSources.js';
import { watchSources } from './watchSources.js';
import { openStateDatabase } from '../app/stateDatabase.js';
import { RequestLimits } from '../store/requestLimits.js';

export interface DevServer {
  /** The local address the site is built for and served at. */
  url: string;
  config: ResolvedConfig;
  close(): Promise<void>;
}

export interface DevDependencies {
  logger: Logger;
  /** Messages name files relative to this folder. */
  displayRoot: string;
  now: () => Date;
}

/**
 * `broadsheet dev`: listens first (the site URL is the address it got, so `--port 0` works), then builds
 * with the dev config into the dev out folder, serves it, and rebuilds on every change in content/ or
 * templates/, telling the open pages to reload. Subscriptions work, with mail kept in the dev inbox.
 */
export async function startDev(base: ResolvedConfig, listen: { port: number; host: string }, deps: DevDependencies): Promise<DevServer> {
  const { logger, now } = deps;
  let listener: RequestListener = (_request, response) => void response.writeHead(503, { 'Retry-After': '1' }).end('The first build is still running.\n');
  const server = await listenHttp((request, response) => listener(request, response), listen.port, listen.host, logger);
  const config = devConfig(base, server.url, await devSecret(devStateDir(base)));
  const db = openStateDatabase(config);
  const templates = templateFolder(config.paths.templates, (path) => relative(deps.displayRoot, path) || path);
  const liveReload = new LiveReload();
  const inboxDir = join(config.paths.stateDir, 'inbox');
  const mailer = inboxMailer(inboxDir, config.email, now, (name) => {
    logger.log('info', 'dev.mail', { inbox: `${server.url}_inbox`, message: name });
    liveReload.tell('mail');
  });
  const { subscriptions, confirmations } = subscriptionsFor(config, { db, mailer, secret: config.secret as string, logger, now, confirmationMail: await loadConfirmationMail(templates, config.site) });
  let cache = emptyBuildCache();
  const build = async (change: SourceChange) => {
    // Rendered outputs are keyed by their articles, not by the templates they were made with.
    if (change.templates) cache = emptyBuildCache();
    try {
      const report = await buildSite(config, { now: now(), displayRoot: deps.displayRoot, cache });
      for (const error of report.rejected) logger.log('warn', 'article.rejected', { file: error.file, error: error.describe() });
      logger.log('info', 'dev.built', { published: report.published, written: report.written.length, rejected: report.rejected.length });
    } catch (error) {
      // A broken template or config stops this build, not the server: fix the file and it rebuilds.
      logger.log('error', 'dev.build-failed', { error: isBroadsheetError(error) ? error.describe() : String(error) });
    }
    liveReload.tell('rebuilt');
  };
  const rebuilds = coalesced(build);
  await rebuilds({ templates: false });
  listener = requestListener({
    outDir: config.paths.out,
    pages: await loadSitePages(templates, config.site, config.digest),
    subscriptions,
    requestLimits: new RequestLimits(db),
    logger,
    now: Date.now,
    routes: [
      devRoutes({
        site: config.site,
        files: new StaticFiles(config.paths.out),
        liveReload,
        inboxDir,
        digestPreview: async () => {
          const preview = await previewDigest(config, db, now(), deps.displayRoot);
          return preview === undefined ? messagePage(config.site, 'Digest preview', ['No articles to put in a digest: there is nothing to preview.']) : preview.html;
        },
      }),
    ],
  });
  const watcher = await watchSources({ content: config.paths.content, templates: config.paths.templates, static: config.paths.static }, (change) => void rebuilds(change));
  return {
    url: server.url,
    config,
    close: async () => {
      await watcher.close();
      await rebuilds.idle();
      await confirmations.stop();
      liveReload.close();
      await server.close();
      db.close();
    },
  };
}

/** `work` one run at a time; calls during a run are merged into one more run after it. */
function coalesced(work: (change: SourceChange) => Promise<void>) {
  let running: Promise<void> | undefined;
  let next: SourceChange | undefined;
  const run = (change: SourceChange): Promise<void> => {
    if (running !== undefined) {
      next = { templates: (next?.templates ?? false) || change.templates };
      return running;
    }
    running = (async () => {
      let current: SourceChange | undefined = change;
      while (current !== undefined) {
        await work(current);
        [current, next] = [next, undefined];
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return Object.assign(run, { idle: () => running ?? Promise.resolve() });
}
