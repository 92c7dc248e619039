import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { placeholderWarnings, refuseLoopbackMail } from '../config/placeholders.js';
import { BroadsheetError } from '../errors.js';
import { inboundDomain } from '../inbound/inboundReports.js';
import { startInboundSmtp } from '../inbound/inboundSmtpServer.js';
import { httpsFetcher } from '../inbound/webhooks/ses.js';
import type { Logger } from '../log/logger.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { startScheduler } from '../scheduler/scheduler.js';
import { createServer } from '../server/createServer.js';
import { webhookRoutes } from '../server/webhookRoutes.js';
import { websubRoute } from '../server/websubRoutes.js';
import type { Db } from '../store/database.js';
import type { Lease } from '../store/lease.js';
import { acquireLease } from '../store/lease.js';
import { RequestLimits } from '../store/requestLimits.js';
import { createApp } from '../app.js';

export interface ServiceOptions {
  port: number | undefined;
  host: string | undefined;
  /** `start`: the scheduler (scans, digests, retries) and the inbound listener as well as the server. */
  withScheduler: boolean;
  /** `start` only: mail (the digest, confirmations) even though site.url is a loopback address. */
  allowLocal: boolean;
  /**
   * `start` only; false with `--no-send`: scheduled digests are composed and queued but not sent, and no
   * queued row is retried, so another process (`digest send`) is the one sender. Confirmation mails still go.
   */
  send: boolean;
}

/**
 * `serve` and `start`: the app, the HTTP server and (for `start`) the scheduler and the report listener,
 * running until `stopRequested` settles; then each is stopped in turn and the state closed.
 */
export async function runService(config: ResolvedConfig, options: ServiceOptions, deps: { logger: Logger; displayRoot: string; stopRequested: Promise<string> }): Promise<void> {
  const { logger, stopRequested } = deps;
  if (options.withScheduler) {
    for (const message of placeholderWarnings(config)) logger.log('warn', 'config.placeholder', { message });
    // Without an SMTP server nothing is mailed; with one, the scheduled digest and the confirmations would be.
    if (config.email.smtpUrl !== undefined) refuseLoopbackMail(config, options.allowLocal);
  }
  const app = await createApp(config, logger, deps.displayRoot);
  let lease: Lease | undefined;
  let listener: { close(): Promise<void> } | undefined;
  let scheduler: Scheduler | undefined;
  try {
    if (options.withScheduler) lease = schedulerLease(app.db, config);
    const inboundPort = config.inbound.port;
    // Before the scheduler: a port already taken stops start-up before any timer runs.
    listener = options.withScheduler && inboundPort !== undefined ? await startInboundSmtp({ host: config.inbound.host, port: inboundPort, domain: inboundDomain(config), handle: (mail) => app.inbound.mail(mail), logger }) : undefined;
    const maildir = config.inbound.maildir;
    const readInbound = maildir === undefined ? undefined : async () => void (await app.inbound.folder(maildir, { includeSeen: false }));
    scheduler = options.withScheduler ? startScheduler(config.schedule, config.digest.frequencies, { scan: app.scan, ...(options.send ? { sendDigest: app.sendDigest, retryDeferred: app.retryDeferred } : { sendDigest: app.queueDigest, retryDeferred: async () => {} }), ...(readInbound === undefined ? {} : { readInbound }) }, logger) : undefined;
    if (scheduler !== undefined) {
      await scheduler.jobs.scan.run();
      void scheduler.jobs.inbound?.run();
      if (options.send && app.digestUnfinished()) {
        // Messages left queued by a stop or a crash go out now, not at the first schedule.retry tick.
        logger.log('info', 'digest.resuming');
        void scheduler.jobs.retry.run();
      }
    }
    const requestLimits = new RequestLimits(app.db);
    const server = await createServer({ outDir: config.paths.out, pages: app.pages, subscriptions: app.subscriptions, requestLimits, logger, now: Date.now, webhooks: webhookRoutes({ secrets: config.webhooks, inbound: app.inbound, fetcher: httpsFetcher, logger }), routes: app.websub === undefined || !options.withScheduler ? [] : [websubRoute(app.websub, requestLimits, Date.now)] }).listen(options.port ?? config.server.port, options.host ?? config.server.host);
    const signal = await stopRequested;
    logger.log('info', 'shutdown', { signal });
    await scheduler?.stop();
    scheduler = undefined;
    await server.close();
  } finally {
    // Also when start-up failed after the scheduler began (the HTTP port taken): its timers would keep the process alive.
    await scheduler?.stop();
    await listener?.close();
    lease?.release();
    await app.close();
  }
}

/** One scheduler per state folder: two would scan and send side by side. */
function schedulerLease(db: Db, config: ResolvedConfig): Lease {
  const lease = acquireLease(db, 'scheduler', new Date());
  if ('release' in lease) return lease;
  throw new BroadsheetError('STORE_FAILED', `another broadsheet scheduler (pid ${lease.heldBy}) already runs on this state folder.`, {
    file: config.paths.stateDir,
    hint: 'Stop it first, or give this one another paths.stateDir.',
  });
}
