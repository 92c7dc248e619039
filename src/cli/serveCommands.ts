import { createApp } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import { placeholderWarnings, refuseLoopbackMail } from '../config/placeholders.js';
import { checkSecretStrength } from '../config/secret.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { streamLogger } from '../log/logger.js';
import { inboundDomain } from '../inbound/inboundReports.js';
import { startInboundSmtp } from '../inbound/inboundSmtpServer.js';
import { httpsFetcher } from '../inbound/webhooks/ses.js';
import { startScheduler } from '../scheduler/scheduler.js';
import { createServer } from '../server/createServer.js';
import { webhookRoutes } from '../server/webhookRoutes.js';
import type { Db } from '../store/database.js';
import type { Lease } from '../store/lease.js';
import { acquireLease } from '../store/lease.js';
import { BroadsheetError } from '../errors.js';
import type { RegisterCommand } from './registerCommand.js';
import { portOption, shutdownSignal } from './serverOptions.js';

interface ServeOptions {
  config?: string;
  port?: number;
  host?: string;
  /** start only: mail (the digest, confirmations) even though site.url is a loopback address. */
  allowLocal?: boolean;
}

async function serve(config: ResolvedConfig, options: ServeOptions, withScheduler: boolean): Promise<void> {
  // Listen before any work starts, so a stop during the first build also ends cleanly with exit 0.
  const stopRequested = shutdownSignal();
  const cwd = process.cwd();
  const logger = streamLogger(process.stdout);
  if (withScheduler) {
    for (const message of placeholderWarnings(config)) logger.log('warn', 'config.placeholder', { message });
    // Without an SMTP server nothing is mailed; with one, the scheduled digest and the confirmations would be.
    if (config.email.smtpUrl !== undefined) refuseLoopbackMail(config, options.allowLocal === true);
  }
  const app = await createApp(config, logger, cwd);
  let lease: Lease | undefined;
  let listener: { close(): Promise<void> } | undefined;
  try {
    if (withScheduler) lease = schedulerLease(app.db, config);
    const inboundPort = config.inbound.port;
    // Before the scheduler: a port already taken stops start-up before any timer runs.
    listener = withScheduler && inboundPort !== undefined ? await startInboundSmtp({ host: config.inbound.host, port: inboundPort, domain: inboundDomain(config), handle: (mail) => app.inbound.mail(mail), logger }) : undefined;
    const maildir = config.inbound.maildir;
    const readInbound = maildir === undefined ? undefined : async () => void (await app.inbound.folder(maildir, { includeSeen: false }));
    const scheduler = withScheduler ? startScheduler(config.schedule, { scan: app.scan, sendDigest: app.sendDigest, retryDeferred: app.retryDeferred, ...(readInbound === undefined ? {} : { readInbound }) }, logger) : undefined;
    if (scheduler !== undefined) {
      await scheduler.jobs.scan.run();
      void scheduler.jobs.inbound?.run();
      if (app.digestUnfinished()) {
        // Messages left queued by a stop or a crash go out now, not at the first schedule.retry tick.
        logger.log('info', 'digest.resuming');
        void scheduler.jobs.retry.run();
      }
    }
    const server = await createServer({ outDir: config.paths.out, pages: app.pages, subscriptions: app.subscriptions, logger, now: Date.now, webhooks: webhookRoutes({ secrets: config.webhooks, inbound: app.inbound, fetcher: httpsFetcher, logger }) }).listen(options.port ?? config.server.port, options.host ?? config.server.host);
    const signal = await stopRequested;
    logger.log('info', 'shutdown', { signal });
    await scheduler?.stop();
    await server.close();
  } finally {
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

export const registerServe: RegisterCommand = (program) => {
  for (const [name, description, withScheduler] of [
    ['serve', 'Serve the out folder and the subscribe, confirm and unsubscribe pages.', false],
    ['start', 'Run as a service: rebuild the feeds when content/ changes, send the digest on schedule, and serve.', true],
  ] as const) {
    const command = program
      .command(name)
      .description(description)
      .option('--config <file>', 'config file')
      .addOption(portOption())
      .option('--host <host>', 'address to listen on (default: server.host)');
    if (withScheduler) command.option('--allow-local', 'mail even though site.url is this machine\'s own address (a test with local mailboxes)');
    command.action(async (options: ServeOptions) => {
        const config = loadConfig({ cwd: process.cwd(), env: process.env, configFile: options.config });
        checkSecretStrength(config);
        await serve(config, options, withScheduler);
      });
  }
};
