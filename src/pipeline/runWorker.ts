import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { requiredSecret } from '../config/secret.js';
import type { DeliverySummary } from '../delivery/deliverQueued.js';
import { anyQueued } from '../delivery/outbox.js';
import { claimableDigest, outboxSource } from '../delivery/outboxClaims.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import type { StoredDigest } from '../store/digestLog.js';
import { digestEditions, findDigest } from '../store/digestLog.js';
import type { PostgresDb } from '../store/postgresDatabase.js';
import { completeFinished, giveUpStale } from './completeDigests.js';
import type { PassDependencies } from './deliverDigest.js';
import { deliverDigest } from './deliverDigest.js';
import type { DigestPass } from './sendDigest.js';

/** How often an idle worker looks for rows to claim: a new digest, or the rows of a sender whose claims lapsed. */
export const WORKER_POLL_MS = 2000;

export interface WorkerDependencies extends Omit<PassDependencies, 'db' | 'mailer' | 'messages'> {
  db: PostgresDb;
  /** Called at the first row to send, so an idle worker holds no SMTP connection. */
  createMailer: () => Promise<Mailer>;
  displayRoot: string;
  /** This worker's pass through digest `number` ended (its claims used up, or a stop). */
  onPass: (number: number, summary: DeliverySummary) => void;
  /** This worker saw the last row of a digest settled, and marked it sent: its report, and its pages in the archive. */
  onFinished: (pass: DigestPass, archiveFiles: string[]) => Promise<void>;
  /** Aborted by SIGTERM or SIGINT: no batch is claimed, the messages in flight finish, the rest is given back. */
  stop: AbortSignal;
}

/**
 * `broadsheet worker` on PostgreSQL: claims batches of queued rows, oldest digest first, and sends them, beside
 * any number of other workers and `digest send`; gives up the rows deferred past email.retryFor; finishes a
 * digest whose last row it saw settled. Without `untilDone` it waits for the next digest until stopped;
 * with it, it returns once no row of any digest is queued.
 */
export async function runWorker(config: ResolvedConfig, deps: WorkerDependencies, options: { untilDone: boolean }): Promise<void> {
  const secret = requiredSecret(config, 'it signs every unsubscribe link');
  const { db, stop } = deps;
  const messages = outboxSource(db, config.email, deps.now);
  const sent = new Map<number, DeliverySummary>();
  let mailer: Mailer | undefined;
  try {
    while (!stop.aborted) {
      giveUpStale(config, deps);
      const digest = nextDigest(db, deps.now());
      if (digest !== undefined) {
        mailer ??= await deps.createMailer();
        const summary = await deliverDigest(config, secret, digest, { ...deps, mailer, messages });
        sent.set(digest.number, added(sent.get(digest.number), summary));
        deps.onPass(digest.number, summary);
      }
      const { finished, archiveFiles } = await completeFinished(config, deps);
      for (const done of finished) {
        const summary = sent.get(done.number) ?? { sent: 0, failed: 0, skipped: 0, deferred: 0 };
        await deps.onFinished({ kind: 'sent', number: done.number, subject: done.subject, frequency: done.frequency, editions: digestEditions(db, done.number).length, resumed: false, summary, complete: true }, archiveFiles);
      }
      if (digest !== undefined) continue;
      if (options.untilDone && !anyQueued(db)) return;
      await deps.sleep(WORKER_POLL_MS, stop);
    }
  } finally {
    mailer?.close();
  }
}

function nextDigest(db: PostgresDb, now: Date): StoredDigest | undefined {
  const number = claimableDigest(db, now);
  return number === undefined ? undefined : findDigest(db, number);
}

function added(total: DeliverySummary | undefined, pass: DeliverySummary): DeliverySummary {
  if (total === undefined) return pass;
  return { sent: total.sent + pass.sent, failed: total.failed + pass.failed, skipped: total.skipped + pass.skipped, deferred: total.deferred + pass.deferred };
}
