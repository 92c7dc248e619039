import { relative } from 'node:path';
import { placeholderWarnings, refuseLoopbackMail } from './config/placeholders.js';
import type { ResolvedConfig } from './config/resolvedConfig.js';
import { checkSecretStrength } from './config/secret.js';
import { BroadsheetError } from './errors.js';
import type { BackgroundConfirmations } from './delivery/backgroundConfirmations.js';
import { backgroundConfirmations } from './delivery/backgroundConfirmations.js';
import { ConfirmationQueue } from './delivery/confirmationQueue.js';
import { sendConfirmations } from './delivery/confirmationSender.js';
import { sendAllowance } from './delivery/sendAllowance.js';
import type { Mailer } from './delivery/smtpMailer.js';
import { createSmtpMailer } from './delivery/smtpMailer.js';
import type { InboundReports, InboundTally } from './inbound/inboundReports.js';
import { inboundReportsFor } from './inbound/inboundReports.js';
import type { Logger } from './log/logger.js';
import type { BuildDependencies, BuildReport } from './pipeline/buildSite.js';
import { buildSite } from './pipeline/buildSite.js';
import { sendDigestReport } from './pipeline/digestReport.js';
import type { SendDigestDependencies, SendReport } from './pipeline/sendDigest.js';
import { sendDigest } from './pipeline/sendDigest.js';
import { ArchivePages } from './store/archivePages.js';
import { HubPings } from './store/hubPings.js';
import { publishToHub } from './delivery/hubPublisher.js';
import type { Announcement } from './pipeline/announceFeeds.js';
import { announceFeeds, changedFeedUrls } from './pipeline/announceFeeds.js';
import type { Db } from './store/database.js';
import { sleep } from './io/sleep.js';
import { databaseFile, stateFailed } from './store/database.js';
import type { StoredBuildCache } from './cache/buildCacheStore.js';
import { loadBuildCache, saveBuildCache } from './cache/buildCacheStore.js';
import { readOptionsOf } from './content/readOptions.js';
import { partlyQueuedDigests, unfinishedDigests } from './store/digestLog.js';
import { SubscriberStore } from './subscribers/subscriberStore.js';
import { Subscriptions } from './subscribers/subscriptions.js';
import type { ConfirmationMail } from './subscribers/confirmationMail.js';
import { loadConfirmationMail } from './subscribers/confirmationMail.js';
import type { SitePages } from './pages/sitePages.js';
import { loadSitePages } from './pages/sitePages.js';
import type { TemplateFolder } from './templating/templateFolder.js';
import { templateFolder } from './templating/templateFolder.js';
import { openBuildCacheDatabase, openStateDatabase } from './app/stateDatabase.js';
import type { WebSubHub } from './pipeline/websubHub.js';
import { builtInHub } from './app/builtInHub.js';
import { WebSubSubscriptions } from './store/websubSubscriptions.js';
import { limitHeapGrowthFor } from './io/heapGrowth.js';

export interface App {
  db: Db;
  /** templates/site/ compiled for the site: the server's own pages (subscribe, confirm, unsubscribe, 404). */
  pages: SitePages;
  /** undefined without BROADSHEET_SECRET and an SMTP server: the site then takes no subscriptions. */
  subscriptions: Subscriptions | undefined;
  /** Bounces, complaints and unsubscribes that come back by mail or webhook. */
  inbound: InboundReports;
  /** The built-in WebSub hub (feeds.websub.builtIn), which `start` serves at /websub; undefined when off. */
  websub: WebSubHub | undefined;
  /** Rebuilds the feeds when files in content/ were added, changed or removed since the last scan. */
  scan(): Promise<void>;
  /** Retries what earlier digests left queued, then sends `frequency`'s digest of what is new; `stop` ends it between messages. */
  sendDigest(stop: AbortSignal, frequency: string): Promise<void>;
  /** Only composes and queues `frequency`'s digest, for another process to send (`start --no-send`). */
  queueDigest(stop: AbortSignal, frequency: string): Promise<void>;
  /** Only retries what earlier digests left queued (schedule.retry). */
  retryDeferred(stop: AbortSignal): Promise<void>;
  /** A digest was recorded but not every message went out (a stop, a crash, a server that stayed down). */
  digestUnfinished(): boolean;
  /** Stops the background confirmation mails, then closes SMTP and the database. */
  close(): Promise<void>;
}

/**
 * The composition root: the concrete store, mailer, clock, logger and build cache, wired here for every
 * command (commands are flags and printing). createApp wires them for serve and start; buildOnce and
 * sendDigestOnce for build and digest send.
 */
export async function createApp(config: ResolvedConfig, logger: Logger, displayRoot: string, now: () => Date = () => new Date()): Promise<App> {
  checkSecretStrength(config);
  const templates = siteTemplates(config, displayRoot);
  const pages = await loadSitePages(templates, config.site, config.digest);
  const confirmationMail = await loadConfirmationMail(templates, config.site);
  const db = openStateDatabase(config);
  const cacheDb = openBuildCacheDatabase(config, db);
  const mailer: Mailer | undefined = config.email.smtpUrl === undefined ? undefined : await createSmtpMailer(config.email);
  const web = mailer === undefined || config.secret === undefined ? undefined : subscriptionsFor(config, { db, mailer, secret: config.secret, logger, now, confirmationMail });
  if (web === undefined) logger.log('warn', 'subscriptions.off', { reason: 'set BROADSHEET_SECRET and SMTP_URL to take subscriptions' });
  const subscriptions = web?.subscriptions;
  let scanned = false;
  const cache = loadBuildCache(cacheDb.db, config.paths.content, { reading: readOptionsOf(config) });
  const archivePages = new ArchivePages(db);
  const pings = new HubPings(db, now);
  const websub = config.feeds.websub.builtIn ? builtInHub(config, db, logger, now) : undefined;
  const send = async (stop: AbortSignal, run: { retryOnly: true } | { retryOnly: false; frequency: string; queueOnly: boolean }): Promise<void> => {
    const reportRun = (outcome: SendReport | { kind: 'failed'; error: string }) =>
      sendDigestReport(config, { db, createMailer: () => createSmtpMailer(config.email), now }, true, outcome).catch((error: unknown) =>
        logger.log('warn', 'digest.report-failed', { error: error instanceof Error ? error.message : String(error) }),
      );
    const report = await sendDigest(
      config,
      {
        db,
        createMailer: () => createSmtpMailer(config.email),
        now,
        sleep,
        displayRoot,
        onProgress: (p) => logger.log(p.outcome === 'sent' ? 'info' : 'warn', `digest.${p.outcome}`, { done: p.done, total: p.total }),
        onRetry: (r) => logger.log('warn', 'digest.retrying', { inMs: r.delayMs, reason: r.response }),
        onDatabaseLocked: (waitedMs) => logger.log('warn', 'digest.database-locked', { waitedMs }),
        stop,
        cache: cache.content,
      },
      { dryRun: false, ...run },
    ).catch(async (error: unknown) => {
      await reportRun({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    });
    // A retry that found nothing waiting is not news: nothing is mailed or logged for it.
    if (report.kind === 'nothing-waiting') return;
    await reportRun(report);
    for (const pass of report.kind === 'sent' ? report.passes : []) logger.log('info', 'digest.run', { result: 'sent', number: pass.number, ...pass.summary, complete: pass.complete, resumed: pass.resumed });
    for (const digest of report.kind === 'queued' ? report.digests : []) logger.log('info', 'digest.run', { result: 'queued', number: digest.number, messages: digest.messages });
    if (report.kind !== 'sent' && report.kind !== 'queued') logger.log('info', 'digest.run', { result: report.kind });
    else if (report.kind === 'sent' && report.waiting !== undefined) logger.log('warn', 'digest.waiting', { messages: report.waiting.count, retryUntil: report.waiting.retryUntil.toISOString(), reasons: report.waiting.reasons.join('; ') });
  };
  return {
    db,
    pages,
    subscriptions,
    inbound: inboundReportsFor(config, db, logger, now),
    websub,
    async scan() {
      // Every scan is a build: with the cache it stats the files, and renders and writes only what changed
      // (which includes an article whose future date has come).
      const report = await buildSite(config, { now: now(), displayRoot, cache, archivePages: archivePages.current(), onIndexed: limitHeapGrowthFor });
      archivePages.add(report.archiveAdded);
      saveBuildCache(cacheDb.db, cache);
      const { hubs } = config.feeds.websub;
      if (hubs.length > 0) {
        // Every scan also sends again what earlier pings left queued, once its backoff has passed.
        const announced = await announceFeeds(hubs, changedFeedUrls(config.site, report.written), { queue: pings, publish: publishToHub, retry: true });
        if (announced.sent > 0) logger.log('info', 'websub.published', { pings: announced.sent });
        for (const failure of announced.failed) logger.log('warn', 'websub.failed', { ...failure, queued: true });
      }
      if (websub !== undefined) {
        // The built-in hub is told directly, and also sends what `build` or an earlier scan left queued.
        const distributed = await websub.distribute(changedFeedUrls(config.site, report.written));
        if (distributed.delivered > 0) logger.log('info', 'websub.delivered', { deliveries: distributed.delivered });
        for (const failure of distributed.failed) logger.log('warn', 'websub.delivery-failed', { topic: failure.topic, callback: new URL(failure.callback).host, error: failure.error, queued: true });
      }
      const changes = report.changes;
      if (scanned && changes.added + changes.changed + changes.removed + report.written.length + report.removed.length === 0) return;
      scanned = true;
      for (const error of report.rejected) logger.log('warn', 'article.rejected', { file: error.file, error: error.describe() });
      logger.log('info', 'feeds.built', { ...changes, published: report.published, written: report.written.length });
    },
    sendDigest: (stop, frequency) => send(stop, { retryOnly: false, frequency, queueOnly: false }),
    queueDigest: (stop, frequency) => send(stop, { retryOnly: false, frequency, queueOnly: true }),
    retryDeferred: (stop) => send(stop, { retryOnly: true }),
    digestUnfinished: () => unfinishedDigests(db).length + partlyQueuedDigests(db).length > 0,
    async close() {
      // A verification in flight writes its subscription: it ends (within its timeout) before the database closes.
      await websub?.settled();
      const stopped = web?.confirmations.stop();
      // A confirmation in flight fails and stays queued for the next start: a stalled server cannot hold up the stop.
      mailer?.close({ force: true });
      await stopped;
      cacheDb.close();
      db.close();
    },
  };
}

/** The site's templates/ over the built-in ones, named in messages relative to `displayRoot`. */
export function siteTemplates(config: ResolvedConfig, displayRoot: string): TemplateFolder {
  return templateFolder(config.paths.templates, (path) => relative(displayRoot, path) || path);
}

/**
 * The web form's double opt-in: subscriptions that queue their confirmation mails in the state database,
 * and the background sender that mails them (at once, and whatever an earlier run left queued).
 */
export function subscriptionsFor(
  config: ResolvedConfig,
  deps: { db: Db; mailer: Mailer; secret: string; logger: Logger; now: () => Date; confirmationMail: ConfirmationMail },
): { subscriptions: Subscriptions; confirmations: BackgroundConfirmations } {
  const { db, mailer, now } = deps;
  const allowance = sendAllowance(db, config.email);
  const queue = new ConfirmationQueue(db, now, config.subscribe.perAddressPerDay, () => confirmations.wake());
  const confirmations = backgroundConfirmations(() => sendConfirmations(queue, mailer, config.email, { now, allowance }), deps.logger, now);
  confirmations.wake();
  return { subscriptions: new Subscriptions({ store: new SubscriberStore(db, now), outbox: queue, confirmationMail: deps.confirmationMail, site: config.site, offered: config.digest, secret: deps.secret, now }), confirmations };
}

/**
 * One build with the cache and the archive pages of the state folder, loaded before and saved after. The
 * cache only saves time: when the state folder cannot hold it, the feeds are built without it (the archive
 * paged as at a first build), and `warn` says so.
 */
export async function buildOnce(
  config: ResolvedConfig,
  displayRoot: string,
  options: { fresh: boolean; warn: (line: string) => void; onProgress?: BuildDependencies['onProgress']; manifest?: string },
): Promise<BuildReport & { announced?: Announcement }> {
  const { onProgress, manifest } = options;
  const build = (state?: { cache: StoredBuildCache; archivePages: ArchivePages }) =>
    buildSite(config, {
      now: new Date(),
      displayRoot,
      onIndexed: limitHeapGrowthFor,
      ...(state === undefined ? {} : { cache: state.cache, archivePages: state.archivePages.current() }),
      ...(onProgress === undefined ? {} : { onProgress }),
      ...(manifest === undefined ? {} : { manifest }),
    });
  const withoutCache = (error: BroadsheetError) => {
    options.warn(`warning: ${error.describe()} Building without the build cache.`);
    return build();
  };
  let db: Db;
  try {
    db = openStateDatabase(config);
  } catch (error) {
    if (!(error instanceof BroadsheetError)) throw error;
    return withoutCache(error);
  }
  const cacheDb = openBuildCacheDatabase(config, db);
  try {
    let cache: StoredBuildCache;
    let archivePages: ArchivePages;
    try {
      cache = loadBuildCache(cacheDb.db, config.paths.content, { fresh: options.fresh, reading: readOptionsOf(config) });
      archivePages = new ArchivePages(db);
    } catch (error) {
      // A database whose first pages are sound opens, and fails only where the cache's rows are damaged.
      return await withoutCache(stateFailed(error, databaseFile(config.paths.stateDir)));
    }
    const report = await build({ cache, archivePages });
    try {
      archivePages.add(report.archiveAdded);
    } catch (error) {
      // The next build puts the same new articles on the same pages, unless more came meanwhile.
      options.warn(`warning: could not save the archive pages (${(error as Error).message}).`);
    }
    try {
      saveBuildCache(cacheDb.db, cache);
    } catch (error) {
      // The feeds are written; a cache that could not be saved only makes the next build slower.
      options.warn(`warning: could not save the build cache (${(error as Error).message}); the next build reads every file again.`);
    }
    const { hubs, builtIn } = config.feeds.websub;
    const topics = changedFeedUrls(config.site, report.written);
    // The built-in hub runs in `start`, which delivers what `build` changed at its next scan.
    if (builtIn && topics.length > 0) new WebSubSubscriptions(db, () => new Date()).queue(topics);
    if (hubs.length === 0 || topics.length === 0) return report;
    // `build` sends only what it changed: what earlier pings left queued is for `start` to retry.
    const announced = await announceFeeds(hubs, topics, { queue: new HubPings(db, () => new Date()), publish: publishToHub, retry: false });
    // One line per hub: a hub that is down refuses every feed, and a first build announces every tag's.
    for (const hub of new Set(announced.failed.map((failure) => failure.hub))) {
      const failed = announced.failed.filter((failure) => failure.hub === hub);
      const reasons = [...new Set(failed.map((failure) => failure.error))].join(', ');
      options.warn(`warning: WebSub hub ${hub} did not take ${failed.length === 1 ? (failed[0]?.topic ?? '') : `${failed.length} feeds`} (${reasons}); queued for \`start\` to retry.`);
    }
    return { ...report, announced };
  } finally {
    cacheDb.close();
    db.close();
  }
}

/** One `digest send`: the digest with the build cache of the state folder, then the report mail when one is due. */
export async function sendDigestOnce(
  config: ResolvedConfig,
  displayRoot: string,
  options: { dryRun: boolean; queueOnly: boolean; frequency: string | undefined; allowLocal: boolean; warn: (line: string) => void; reporters: Pick<SendDigestDependencies, 'onProgress' | 'onRetry' | 'onDatabaseLocked'> },
): Promise<{ report: SendReport; reportMailed: boolean }> {
  checkSecretStrength(config);
  for (const warning of placeholderWarnings(config)) options.warn(`warning: ${warning}`);
  // A queue-only run mails nothing: the run that sends its rows checks.
  if (!options.dryRun && !options.queueOnly) refuseLoopbackMail(config, options.allowLocal);
  const db = openStateDatabase(config);
  const cacheDb = openBuildCacheDatabase(config, db);
  try {
    const cache = loadBuildCache(cacheDb.db, config.paths.content, { reading: readOptionsOf(config) });
    const createMailer = () => createSmtpMailer(config.email);
    const now = () => new Date();
    const report = await sendDigest(config, { db, createMailer, now, sleep, displayRoot, ...options.reporters, cache: cache.content }, { dryRun: options.dryRun, queueOnly: options.queueOnly, frequency: options.frequency });
    saveBuildCache(cacheDb.db, cache);
    const reportMailed = (await sendDigestReport(config, { db, createMailer, now }, false, report)) > 0;
    return { report, reportMailed };
  } finally {
    cacheDb.close();
    db.close();
  }
}

/** One `inbound read`: every mail of a Maildir or mbox recorded in the state database. */
export async function readInboundOnce(config: ResolvedConfig, path: string, logger: Logger): Promise<InboundTally> {
  checkSecretStrength(config);
  const db = openStateDatabase(config);
  try {
    return await inboundReportsFor(config, db, logger, () => new Date()).folder(path, { includeSeen: true });
  } finally {
    db.close();
  }
}
