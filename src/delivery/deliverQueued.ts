import type Mail from 'nodemailer/lib/mailer/index.js';
import { BroadsheetError } from '../errors.js';
import type { Db } from '../store/database.js';
import { PostgresDb } from '../store/postgresDatabase.js';
import { writeWhenUnlocked } from '../store/waitForLock.js';
import type { MessageSource, QueuedMessage } from './outbox.js';
import { recordDeferral, settle } from './outbox.js';
import type { SendAllowance } from './sendAllowance.js';
import { awaitAllowance } from './sendAllowance.js';
import type { Mailer } from './smtpMailer.js';
import { classifySmtpFailure } from './smtpMailer.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'skipped' | 'deferred';

export interface DeliveryProgress {
  outcome: DeliveryOutcome;
  email: string;
  done: number;
  total: number;
  response: string;
}

export interface DeliveryOptions {
  db: Db;
  digestNumber: number;
  /** The digest's rows this pass sends (its queued rows, or its sender's claims); closed when the pass ends. */
  messages: MessageSource;
  mailer: Mailer;
  /** The message for one recipient: personalised, headers composed. */
  compose: (message: QueuedMessage) => Mail.Options;
  /** Messages in flight at once (the SMTP pool's size). */
  concurrency: number;
  /** Tries per message in this run for temporary failures, with exponential backoff from `retryDelayMs`. */
  attempts: number;
  retryDelayMs: number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => Date;
  /** A permanent failure for this subscriber (to count towards "bounced"). */
  onPermanentFailure: (subscriberId: number) => void;
  /** A message the server accepted: earlier failures were passing, so their count starts again. */
  onDelivered: (subscriberId: number) => void;
  onProgress: (progress: DeliveryProgress) => void;
  /** A message about to wait `delayMs` before its next try, and why (the server's answer or the connection failure). */
  onRetry: (retry: { email: string; response: string; delayMs: number }) => void;
  /** A result waiting for another process to release the database, `waitedMs` so far. */
  onDatabaseLocked: (waitedMs: number) => void;
  /** Once aborted, no further message starts; those in flight finish and are recorded, the rest stay queued. */
  stop?: AbortSignal;
  /** email.hourlyLimit / dailyLimit: a message waits (through `sleep`) until the rolling windows have room. */
  allowance?: SendAllowance | undefined;
}

export type DeliverySummary = Record<DeliveryOutcome, number>;

/**
 * Sends the queued messages of a digest that `options.messages` gives, and gives back what it did not settle
 * when it ends. Each row is marked in the state database the moment the server answers
 * (waiting for as long as another process holds the database), so a killed run resumes with only the
 * unsent rows. Temporary failures are retried with backoff and, if they last, left queued for the next run
 * ("deferred"); permanent ones are marked failed. A failure that is not about the recipient stops the run
 * with everything unsent still queued.
 */
export async function deliverQueued(options: DeliveryOptions): Promise<DeliverySummary> {
  try {
    return await deliverEach(options);
  } finally {
    options.messages.close();
  }
}

async function deliverEach(options: DeliveryOptions): Promise<DeliverySummary> {
  // The rows themselves are taken as the workers need them.
  const queue = options.messages;
  const total = queue.total;
  const summary: DeliverySummary = { sent: 0, failed: 0, skipped: 0, deferred: 0 };
  let done = 0;
  const report = (message: QueuedMessage, outcome: DeliveryOutcome, response: string): void => {
    summary[outcome] += 1;
    done += 1;
    options.onProgress({ outcome, email: message.email, done, total, response });
  };
  let fatal: BroadsheetError | undefined;
  // Results are recorded one after another; one waiting for the database lock holds every worker back, so
  // that no new message starts until the last answer is on its row.
  let recorded: Promise<void> = Promise.resolve();
  const lockWait = { sleep: (ms: number) => options.sleep(ms), onLocked: options.onDatabaseLocked, now: options.now };
  const inTransaction = resultTransaction(options.db);
  const record = (write: () => void): Promise<void> => (recorded = recorded.then(() => writeWhenUnlocked(() => inTransaction(write), lockWait)));
  const worker = async (): Promise<void> => {
    for (;;) {
      await recorded;
      if (fatal !== undefined || options.stop?.aborted === true) return;
      // Synchronous, so no two workers take the same row (a page starts after the last subscriber read, a claim takes only unclaimed rows).
      const message = queue.next();
      if (message === undefined) return;
      if (options.allowance !== undefined && message.subscriberStatus === 'confirmed' && !(await awaitAllowance(options.allowance, 'digest', options))) return;
      const result = await deliverOne(message, options);
      if ('fatal' in result) {
        fatal ??= result.fatal;
        return;
      }
      const { outcome, response, attempts } = result;
      await record(() => {
        if (outcome === 'deferred') recordDeferral(options.db, options.digestNumber, message.subscriberId, attempts, response, options.now());
        else settle(options.db, options.digestNumber, message.subscriberId, outcome, response, attempts, options.now());
        if (outcome === 'failed') options.onPermanentFailure(message.subscriberId);
        if (outcome === 'sent') options.onDelivered(message.subscriberId);
      });
      report(message, outcome, response);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, total)) }, worker));
  if (fatal !== undefined) throw fatal;
  return summary;
}

/**
 * A result touches its own row, which only its sender holds (the claim), and then its subscriber's bounce
 * count. On PostgreSQL each statement commits on its own, without the write lock every transaction takes
 * there: otherwise all the senders would wait on one another for each message (pg-native's calls block the
 * process meanwhile), and each message would cost two more round trips. The row is written first, so the
 * window between the server's answer and its record is no wider. SQLite has one writer anyway.
 */
function resultTransaction(db: Db): (write: () => void) => void {
  if (db instanceof PostgresDb) return (write) => write();
  return (write) => db.transaction(write)();
}

type Attempt = { outcome: DeliveryOutcome; response: string; attempts: number } | { fatal: BroadsheetError };

async function deliverOne(message: QueuedMessage, options: DeliveryOptions): Promise<Attempt> {
  if (message.subscriberStatus !== 'confirmed') return { outcome: 'skipped', response: `subscriber is ${message.subscriberStatus}`, attempts: 0 };
  let response = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      const result = await options.mailer.send(options.compose(message));
      return { outcome: 'sent', response: result.response, attempts: attempt };
    } catch (error) {
      response = (error as Error).message;
      const kind = classifySmtpFailure(error);
      if (kind === 'fatal') {
        return {
          fatal: new BroadsheetError('DELIVERY_FAILED', `the SMTP server refused to send at all: ${response}`, {
            field: 'SMTP_URL',
            hint: 'Check the SMTP address, user, password and the From address (email.from); nothing was marked failed, so run `broadsheet digest send` again once it is fixed.',
            cause: error,
          }),
        };
      }
      if (kind === 'permanent') return { outcome: 'failed', response, attempts: attempt };
      // A stop leaves a message that is waiting to be retried for the next run, like one that keeps failing.
      if (attempt < options.attempts && options.stop?.aborted !== true) {
        const delayMs = options.retryDelayMs * 2 ** (attempt - 1);
        options.onRetry({ email: message.email, response, delayMs });
        await options.sleep(delayMs, options.stop);
      }
      if (options.stop?.aborted === true) return { outcome: 'deferred', response, attempts: attempt };
    }
  }
  return { outcome: 'deferred', response, attempts: options.attempts };
}
