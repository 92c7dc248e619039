import { placeholderWarnings, refuseLoopbackMail } from '../config/placeholders.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { checkSecretStrength } from '../config/secret.js';
import { createSmtpMailer } from '../delivery/smtpMailer.js';
import { BroadsheetError } from '../errors.js';
import { sleep } from '../io/sleep.js';
import type { Logger } from '../log/logger.js';
import { sendDigestReport } from '../pipeline/digestReport.js';
import { runWorker } from '../pipeline/runWorker.js';
import { DATABASE_URL_VARIABLE } from '../config/resolvedConfig.js';
import { openSharedDatabase } from './stateDatabase.js';

export interface WorkerOptions {
  /** Return once no row of any digest is queued, instead of waiting for the next digest. */
  untilDone: boolean;
  /** Mail even though site.url is this machine's own address. */
  allowLocal: boolean;
}

/**
 * `broadsheet worker`: a sender beside others on one PostgreSQL database, until `stopRequested` settles
 * (SIGTERM, SIGINT) or, with `untilDone`, until nothing is queued. With SQLite there is one sender, `digest
 * send` (or `start`), which the send lease keeps alone: a worker is refused before it opens anything.
 */
export async function runWorkerService(config: ResolvedConfig, options: WorkerOptions, deps: { logger: Logger; displayRoot: string; stopRequested: Promise<string> }): Promise<void> {
  if (config.databaseUrl === undefined) {
    throw new BroadsheetError('INPUT_INVALID', '`broadsheet worker` sends from a PostgreSQL database that several senders share; with SQLite, `broadsheet digest send` is the one sender.', {
      field: DATABASE_URL_VARIABLE,
      hint: `Set ${DATABASE_URL_VARIABLE} to a PostgreSQL database, or send with \`broadsheet digest send\` (or \`start\`).`,
    });
  }
  checkSecretStrength(config);
  const { logger } = deps;
  for (const message of placeholderWarnings(config)) logger.log('warn', 'config.placeholder', { message });
  refuseLoopbackMail(config, options.allowLocal);
  const db = openSharedDatabase(config.databaseUrl, config);
  const stop = new AbortController();
  void deps.stopRequested.then((signal) => {
    logger.log('info', 'shutdown', { signal });
    stop.abort();
  });
  try {
    const now = () => new Date();
    const createMailer = () => createSmtpMailer(config.email);
    logger.log('info', 'worker.started', { batchSize: config.email.batchSize, claimTimeout: config.email.claimTimeout, untilDone: options.untilDone });
    await runWorker(
      config,
      {
        db,
        createMailer,
        now,
        sleep,
        displayRoot: deps.displayRoot,
        // One line a message would drown the log of a million: only the messages that did not go are told.
        onProgress: (p) => {
          if (p.outcome === 'failed' || p.outcome === 'deferred') logger.log('warn', `digest.${p.outcome}`, { response: p.response });
        },
        onRetry: (r) => logger.log('warn', 'digest.retrying', { inMs: r.delayMs, reason: r.response }),
        onDatabaseLocked: (waitedMs) => logger.log('warn', 'digest.database-locked', { waitedMs }),
        onPass: (number, summary) => logger.log('info', 'worker.pass', { number, ...summary }),
        onFinished: async (pass, archiveFiles) => {
          logger.log('info', 'digest.finished', { number: pass.number, archiveFiles: archiveFiles.length });
          await sendDigestReport(config, { db, createMailer, now }, true, { kind: 'sent', passes: [pass], newDigest: 'not-asked', gaveUp: 0, waiting: undefined, archiveFiles }).catch((error: unknown) =>
            logger.log('warn', 'digest.report-failed', { error: error instanceof Error ? error.message : String(error) }),
          );
        },
        stop: stop.signal,
      },
      { untilDone: options.untilDone },
    );
    logger.log('info', 'worker.stopped', { reason: stop.signal.aborted ? 'signal' : 'nothing queued' });
  } finally {
    db.close();
  }
}
