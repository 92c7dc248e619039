import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { composeMessage, listIdFor, messageIdFor } from '../delivery/composeMessage.js';
import type { DeliveryProgress, DeliverySummary } from '../delivery/deliverQueued.js';
import { deliverQueued } from '../delivery/deliverQueued.js';
import { enqueue, outboxCounts } from '../delivery/outbox.js';
import { sendAllowance } from '../delivery/sendAllowance.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { verpEnvelope } from '../inbound/verp.js';
import { BroadsheetError } from '../errors.js';
import type { Db } from '../store/database.js';
import { acquireLease } from '../store/lease.js';
import type { StoredDigest } from '../store/digestLog.js';
import { digestHistory, markDigestSent, nextDigestNumber, recordDigest, unfinishedDigest } from '../store/digestLog.js';
import { subscriberNames } from '../subscribers/subscriberNames.js';
import { SubscriberStore } from '../subscribers/subscriberStore.js';
import { unsubscribeToken } from '../subscribers/subscriptions.js';
import { prepareDigest, unsubscribePageUrl } from './prepareDigest.js';
import { writeArchive } from './writeArchive.js';

export interface SendDigestDependencies {
  db: Db;
  /** Called only when there is something to send, so a dry run needs no SMTP server. */
  createMailer: () => Promise<Mailer>;
  now: () => Date;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  displayRoot: string;
  onProgress: (progress: DeliveryProgress) => void;
  /** A service shutting down: the messages in flight finish, the rest stay queued for the next run. */
  stop?: AbortSignal;
  /** The build cache, when the caller keeps one (the service does). */
  cache?: ContentMemo;
}

export type SendReport =
  | { kind: 'nothing-new' }
  | { kind: 'no-subscribers' }
  | { kind: 'dry-run'; subject: string; articles: number; recipients: number }
  | { kind: 'sent'; number: number; subject: string; resumed: boolean; summary: DeliverySummary; complete: boolean; archiveFiles: string[] };

/** Retries within one run: 1 s, 2 s, 4 s, 8 s; a server down for longer is retried by the next run. */
const ATTEMPTS = 5;
const RETRY_DELAY_MS = 1000;

/**
 * The digest of what is new, to every confirmed subscriber, exactly once. A digest and its outbox rows are
 * recorded in one transaction before the first mail leaves; a run that finds an unfinished digest resumes
 * it instead of starting another. A digest whose every row is settled is marked sent and archived.
 */
export async function sendDigest(config: ResolvedConfig, deps: SendDigestDependencies, options: { dryRun: boolean }): Promise<SendReport> {
  const secret = config.secret;
  if (secret === undefined) {
    throw new BroadsheetError('CONFIG_INVALID', 'BROADSHEET_SECRET is not set.', {
      field: 'BROADSHEET_SECRET',
      hint: 'Set it to a long random string (e.g. `openssl rand -hex 32`) and keep it: it signs every unsubscribe link.',
    });
  }
  const { db } = deps;
  if (options.dryRun) return sendLeased(config, deps, options, secret);
  const lease = acquireLease(db, 'digest-send', deps.now());
  if ('heldBy' in lease) {
    throw new BroadsheetError('STORE_FAILED', `another broadsheet process (pid ${lease.heldBy}) is sending a digest from this state folder.`, {
      hint: 'Let it finish: what it leaves unsent is resumed by the next `digest send`. Two senders could mail someone twice.',
    });
  }
  try {
    return await sendLeased(config, deps, options, secret);
  } finally {
    lease.release();
  }
}

/** The send itself, by the one process that holds the send lease (or a dry run, which sends nothing). */
async function sendLeased(config: ResolvedConfig, deps: SendDigestDependencies, options: { dryRun: boolean }, secret: string): Promise<SendReport> {
  const { db } = deps;
  const subscribers = new SubscriberStore(db, deps.now);
  let digest: StoredDigest | undefined = unfinishedDigest(db);
  const resumed = digest !== undefined;
  if (digest === undefined) {
    const number = nextDigestNumber(db);
    const prepared = await prepareDigest({ config, history: digestHistory(db), number, now: deps.now(), displayRoot: deps.displayRoot, cache: deps.cache });
    if (prepared.kind === 'nothing-new') return prepared;
    const recipients = subscribers.list('confirmed');
    if (options.dryRun) return { kind: 'dry-run', subject: prepared.digest.subject, articles: prepared.digest.articleIds.length, recipients: recipients.length };
    if (recipients.length === 0) return { kind: 'no-subscribers' };
    const record = { number, createdAt: deps.now(), subject: prepared.digest.subject, html: prepared.digest.html, text: prepared.digest.text, articles: prepared.articles };
    db.transaction(() => {
      recordDigest(db, record);
      enqueue(db, number, recipients.map((s) => ({ subscriberId: s.id, messageId: messageIdFor(number, s.id, config.email) })), deps.now());
    })();
    digest = { ...record, sentAt: undefined };
  } else if (options.dryRun) {
    return { kind: 'dry-run', subject: digest.subject, articles: 0, recipients: outboxCounts(db, digest.number).queued };
  }

  const current = digest;
  const mailer = await deps.createMailer();
  let summary: DeliverySummary;
  try {
    summary = await deliverQueued({
      db,
      digestNumber: current.number,
      mailer,
      compose: (message) => {
        const unsubscribeUrl = unsubscribePageUrl(config, unsubscribeToken(message.subscriberId, secret));
        const personal = personaliseDigest(current, { unsubscribeUrl, ...subscriberNames(subscribers.get(message.subscriberId) ?? {}) });
        const verp = verpEnvelope(config.email.bounceAddress, secret, { digestNumber: current.number, subscriberId: message.subscriberId });
        return composeMessage({ to: message.email, subject: current.subject, ...personal, unsubscribeUrl, messageId: message.messageId, date: deps.now(), verp }, config.email, listIdFor(config.site.url));
      },
      concurrency: config.email.maxConnections,
      attempts: ATTEMPTS,
      retryDelayMs: RETRY_DELAY_MS,
      sleep: deps.sleep,
      now: deps.now,
      onPermanentFailure: (subscriberId) => subscribers.recordBounce(subscriberId, config.email.bounceAfter),
      onDelivered: (subscriberId) => subscribers.clearBounces(subscriberId),
      onProgress: deps.onProgress,
      stop: deps.stop,
      allowance: sendAllowance(db, config.email),
    });
  } finally {
    mailer.close();
  }
  const complete = outboxCounts(db, current.number).queued === 0;
  let archiveFiles: string[] = [];
  if (complete) {
    markDigestSent(db, current.number, deps.now());
    archiveFiles = await writeArchive(config, db, { now: deps.now(), displayRoot: deps.displayRoot, ...(deps.cache === undefined ? {} : { cache: deps.cache }) });
  }
  return { kind: 'sent', number: current.number, subject: current.subject, resumed, summary, complete, archiveFiles };
}
