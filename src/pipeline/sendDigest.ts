import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { tickedBetween } from '../config/cronTicks.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { messageIdFor } from '../delivery/composeMessage.js';
import type { DeliveryOptions, DeliveryProgress, DeliverySummary } from '../delivery/deliverQueued.js';
import type { OutboxRow } from '../delivery/outbox.js';
import { enqueue, lastQueuedSubscriber, outboxCounts, waitingRows } from '../delivery/outbox.js';
import { outboxSource } from '../delivery/outboxClaims.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import type { MjmlRenderer } from '../digest/renderDigest.js';
import { requiredSecret } from '../config/secret.js';
import { BroadsheetError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { DigestRecord, StoredDigest } from '../store/digestLog.js';
import { digestEditions, lastRunOf, nextDigestNumber, partlyQueuedDigests, recordDigest, recordEditions, unfinishedDigests } from '../store/digestLog.js';
import { acquireLease } from '../store/lease.js';
import { completeFinished, giveUpStale } from './completeDigests.js';
import { deliverDigest } from './deliverDigest.js';
import type { PlannedEdition, RunPlan } from './planRun.js';
import { planRun } from './planRun.js';
import type { DigestSource } from './prepareDigest.js';
import { openDigestSource } from './prepareDigest.js';

export interface SendDigestDependencies {
  db: Db;
  /** Called only when there is something to send, so a dry run needs no SMTP server. */
  createMailer: () => Promise<Mailer>;
  now: () => Date;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  displayRoot: string;
  onProgress: (progress: DeliveryProgress) => void;
  /** A message waiting to be retried, and why: a person (or the log) sees at once that the server refuses. */
  onRetry?: DeliveryOptions['onRetry'];
  /** A result waiting for another process to release the state database. */
  onDatabaseLocked?: DeliveryOptions['onDatabaseLocked'];
  /** A service shutting down: the messages in flight finish, the rest stay queued for the next run. */
  stop?: AbortSignal;
  /** The build cache, when the caller keeps one (the service does). */
  cache?: ContentMemo;
  /** mjml2html unless a test or the bench counts the renders. */
  renderMjml?: MjmlRenderer;
}

/** One digest's pass through its queued rows in a run. */
export interface DigestPass {
  kind: 'sent';
  number: number;
  subject: string;
  /** undefined for a digest recorded before there were frequencies. */
  frequency: string | undefined;
  /** Its distinct selections of articles, each rendered once. */
  editions: number;
  /** Recorded by an earlier run: this pass retried what that one left queued. */
  resumed: boolean;
  summary: DeliverySummary;
  /** Every row is settled now. */
  complete: boolean;
}

/** Rows of any digest still queued after a run, retried until `retryUntil` (email.retryFor). */
export interface Waiting {
  count: number;
  retryUntil: Date;
  /** The last answers they got (e.g. "connection refused to host:port"), a few at most. */
  reasons: string[];
}

/** What a run did about a new digest: none is composed while nothing is new, or by a retry-only run. */
export type NewDigest = 'composed' | 'nothing-new' | 'no-subscribers' | 'not-asked';

export type SendReport =
  | { kind: 'nothing-new' }
  | { kind: 'no-subscribers' }
  | { kind: 'nothing-waiting' }
  | { kind: 'dry-run'; waiting: number; digest: DryRunDigest | undefined }
  | { kind: 'queued'; digests: QueuedDigest[] }
  | { kind: 'sent'; passes: DigestPass[]; newDigest: NewDigest; gaveUp: number; waiting: Waiting | undefined; archiveFiles: string[] };

/** A digest composed by a queue-only run: its rows wait for a sender. */
export interface QueuedDigest {
  number: number;
  subject: string;
  frequency: string | undefined;
  editions: number;
  /** Its outbox rows, one per subscriber. */
  messages: number;
}

/** What a dry run would send: the new digests' first subject, their articles and recipients together. */
export interface DryRunDigest {
  subject: string;
  articles: number;
  recipients: number;
  editions: number;
}

export interface SendOptions {
  dryRun: boolean;
  /** Only retry what earlier digests left queued (schedule.retry); compose no new digest. */
  retryOnly?: boolean;
  /** A name of digest.frequencies: that frequency's digest now. Without it, every frequency that is due. */
  frequency?: string | undefined;
  /** Compose and queue the new digests, and send nothing (not even what earlier digests left queued). */
  queueOnly?: boolean;
}

/**
 * The send run, by the one process that holds the send lease: the rows still deferred after
 * `email.retryFor` are given up, the queued rows of every unfinished digest are retried, and then each
 * frequency's run (the one asked for, or every one that is due) sends the confirmed subscribers of that
 * frequency what is new for them, whether or not older digests are finished. A digest, its editions and its
 * outbox rows are recorded before its first mail leaves (the rows in batches; a digest whose queueing a crash
 * cut short is queued to the end first), so each subscriber gets each digest at most once. A digest whose
 * last row is settled is marked sent and archived.
 */
export async function sendDigest(config: ResolvedConfig, deps: SendDigestDependencies, options: SendOptions): Promise<SendReport> {
  const secret = requiredSecret(config, 'it signs every unsubscribe link');
  const { db } = deps;
  if (options.frequency !== undefined && config.digest.frequencies[options.frequency] === undefined) {
    throw new BroadsheetError('INPUT_INVALID', `there is no frequency "${options.frequency}" in digest.frequencies.`, {
      field: '--frequency',
      hint: `Use one of: ${Object.keys(config.digest.frequencies).join(', ')}.`,
    });
  }
  if (options.dryRun) return dryRun(config, deps, options);
  const lease = acquireLease(db, 'digest-send', deps.now());
  if ('heldBy' in lease) {
    throw new BroadsheetError('STORE_FAILED', `another broadsheet process (pid ${lease.heldBy}) is sending a digest from this state folder.`, {
      hint: 'Let it finish: what it leaves unsent is resumed by the next `digest send`. Two senders could mail someone twice.',
    });
  }
  let mailer: Mailer | undefined;
  try {
    if (options.queueOnly === true) return await queueDue(config, deps, options);
    return await sendLeased(config, { ...deps, mailer: async () => (mailer ??= await deps.createMailer()) }, options, secret);
  } finally {
    mailer?.close();
    lease.release();
  }
}

type LeasedDependencies = SendDigestDependencies & { mailer: () => Promise<Mailer> };

async function sendLeased(config: ResolvedConfig, deps: LeasedDependencies, options: SendOptions, secret: string): Promise<SendReport> {
  const { db } = deps;
  await queueTheRest(config, deps);
  let gaveUp = giveUpStale(config, deps);
  const passes: DigestPass[] = [];
  const messages = outboxSource(db, config.email, deps.now);
  const pass = async (digest: StoredDigest, resumed: boolean): Promise<void> => {
    const summary = await deliverDigest(config, secret, digest, { ...deps, mailer: await deps.mailer(), messages });
    passes.push({ kind: 'sent', number: digest.number, subject: digest.subject, frequency: digest.frequency, editions: digestEditions(db, digest.number).length, resumed, summary, complete: outboxCounts(db, digest.number).queued === 0 });
  };
  for (const digest of unfinishedDigests(db)) {
    if (deps.stop?.aborted === true) break;
    if (outboxCounts(db, digest.number).queued > 0) await pass(digest, true);
  }
  let newDigest: NewDigest = 'not-asked';
  if (options.retryOnly !== true && deps.stop?.aborted !== true) {
    newDigest = await composeDue(config, deps, options.frequency, (digest) => pass(digest, false));
  }
  // A row deferred again in this run may be past its time now: it need not wait for the next run to give up.
  gaveUp += giveUpStale(config, deps);
  const { finished, archiveFiles } = await completeFinished(config, deps);
  // A digest finished by giving up its last rows is a pass too: it is reported as finished, like one finished by a send.
  for (const digest of finished) {
    const done = passes.find((p) => p.number === digest.number);
    if (done === undefined) passes.push({ kind: 'sent', number: digest.number, subject: digest.subject, frequency: digest.frequency, editions: digestEditions(db, digest.number).length, resumed: true, summary: { sent: 0, failed: 0, skipped: 0, deferred: 0 }, complete: true });
    else done.complete = true;
  }
  passes.sort((a, b) => a.number - b.number);
  if (passes.length === 0 && gaveUp === 0 && finished.length === 0) return newDigest === 'nothing-new' || newDigest === 'no-subscribers' ? { kind: newDigest } : { kind: 'nothing-waiting' };
  return { kind: 'sent', passes, newDigest, gaveUp, waiting: waitingRows(db, deps.now(), config.email.retryFor), archiveFiles };
}

/** Each frequency's new digest (the one asked for, or every one due) composed and queued, then handed to `each`. */
async function composeDue(config: ResolvedConfig, deps: SendDigestDependencies, frequency: string | undefined, each: (digest: StoredDigest) => Promise<void>): Promise<NewDigest> {
  const outcomes: NewDigest[] = [];
  const source = await digestSource(config, deps);
  for (const name of frequenciesToRun(config, deps.db, deps.now(), frequency)) {
    // Checked again before each frequency: a stop may come while the one before it sends.
    if (stopped(deps)) break;
    const composed = await composeDigest(config, deps, source, name);
    outcomes.push(composed.kind);
    if (composed.kind === 'composed') await each(composed.digest);
  }
  return combined(outcomes);
}

/**
 * `--queue-only`: the new digests composed and their rows queued, and nothing sent or retried: another
 * process (a later `digest send`, a `start` that sends) delivers them, resuming them as it resumes any
 * digest a run left unfinished.
 */
async function queueDue(config: ResolvedConfig, deps: SendDigestDependencies, options: SendOptions): Promise<SendReport> {
  const digests: QueuedDigest[] = [];
  const queued = (digest: StoredDigest) => {
    digests.push({ number: digest.number, subject: digest.subject, frequency: digest.frequency, editions: digestEditions(deps.db, digest.number).length, messages: outboxCounts(deps.db, digest.number).queued });
  };
  for (const digest of await queueTheRest(config, deps)) queued(digest);
  const newDigest = await composeDue(config, deps, options.frequency, async (digest) => queued(digest));
  if (digests.length > 0) return { kind: 'queued', digests };
  return { kind: newDigest === 'no-subscribers' ? 'no-subscribers' : 'nothing-new' };
}

function stopped(deps: SendDigestDependencies): boolean {
  return deps.stop?.aborted === true;
}

/** What the frequencies' runs did, together: a digest if any composed one. */
function combined(outcomes: readonly NewDigest[]): NewDigest {
  if (outcomes.includes('composed')) return 'composed';
  if (outcomes.length > 0 && outcomes.every((o) => o === 'no-subscribers')) return 'no-subscribers';
  return outcomes.length === 0 ? 'not-asked' : 'nothing-new';
}

/**
 * The frequency asked for; else every frequency whose schedule ticked since its last run; with one
 * frequency, that one whenever asked, as before there were frequencies.
 */
export function frequenciesToRun(config: ResolvedConfig, db: Db, now: Date, asked: string | undefined): string[] {
  if (asked !== undefined) return [asked];
  const names = Object.entries(config.digest.frequencies);
  if (names.length === 1) return names.map(([name]) => name);
  return names.filter(([name, expression]) => tickedBetween(expression, config.schedule.timezone, lastRunOf(db, name), now)).map(([name]) => name);
}

function digestSource(config: ResolvedConfig, deps: SendDigestDependencies): Promise<DigestSource> {
  return openDigestSource({ config, now: deps.now(), displayRoot: deps.displayRoot, cache: deps.cache, renderMjml: deps.renderMjml });
}

type Composed = { kind: 'composed'; digest: StoredDigest } | { kind: 'nothing-new' | 'no-subscribers' };

/** One frequency's run: each of its subscribers' new articles, recorded with one outbox row each. */
async function composeDigest(config: ResolvedConfig, deps: SendDigestDependencies, source: DigestSource, frequency: string): Promise<Composed> {
  const { db } = deps;
  const now = deps.now();
  const plan = await planRun(config, db, source, { frequency, number: nextDigestNumber(db), now });
  if (plan.kind !== 'planned') return plan;
  const { number } = plan;
  const editions = plan.editions.map((e, i) => ({ ...e, edition: i + 1 }));
  const record = () => recordDigest(db, { number, createdAt: now, frequency, editions: editions.map(storedEdition) });
  enqueue(db, number, outboxRows(number, editions, config), now, record);
  return { kind: 'composed', digest: { number, createdAt: now, sentAt: undefined, subject: editions[0]?.digest.subject ?? '', frequency } };
}

/**
 * Queues the rest of each digest whose queueing a crash cut short, before anything is sent: its subscribers
 * after the last one queued are planned again as at its composition (their histories have no row of it
 * yet), each given the edition recorded with the same content, or a new edition when theirs differs (an
 * article published since). Returns those digests.
 */
async function queueTheRest(config: ResolvedConfig, deps: SendDigestDependencies): Promise<StoredDigest[]> {
  const { db } = deps;
  const digests = partlyQueuedDigests(db);
  if (digests.length === 0) return digests;
  const source = await digestSource(config, deps);
  for (const digest of digests) {
    const { number, createdAt } = digest;
    const plan = await planRun(config, db, source, { frequency: digest.frequency ?? config.digest.defaultFrequency, number, now: createdAt, after: lastQueuedSubscriber(db, number) });
    const recorded = digestEditions(db, number);
    let next = Math.max(0, ...recorded.map((e) => e.edition)) + 1;
    const editions = (plan.kind === 'planned' ? plan.editions : []).map((e) => {
      const same = recorded.find((r) => r.subject === e.digest.subject && r.html === e.digest.html && r.text === e.digest.text);
      return { ...e, edition: same?.edition ?? next++, recorded: same !== undefined };
    });
    const record = () => recordEditions(db, number, editions.filter((e) => !e.recorded).map(storedEdition));
    enqueue(db, number, outboxRows(number, editions, config), deps.now(), record);
  }
  return digests;
}

function storedEdition(e: PlannedEdition & { edition: number }): DigestRecord['editions'][number] {
  return { edition: e.edition, subject: e.digest.subject, html: e.digest.html, text: e.digest.text, articles: e.articles };
}

/**
 * Every subscriber's row in subscriber order, whatever their edition, so that a queueing cut short has queued
 * exactly the subscribers up to one id, and its rest is those after it. Ids are the database's own, numbered
 * from 1: an array indexed by id (4 bytes a subscriber) orders a million without sorting them, and the rows
 * come one at a time.
 */
function* outboxRows(number: number, editions: readonly { edition: number; subscriberIds: readonly number[] }[], config: ResolvedConfig): Generator<OutboxRow> {
  let last = 0;
  for (const { subscriberIds } of editions) for (const id of subscriberIds) last = Math.max(last, id);
  const editionOf = new Uint32Array(last + 1);
  for (const { edition, subscriberIds } of editions) for (const id of subscriberIds) editionOf[id] = edition;
  for (let subscriberId = 1; subscriberId <= last; subscriberId++) {
    const edition = editionOf[subscriberId] as number;
    if (edition !== 0) yield { subscriberId, edition, messageId: messageIdFor(number, subscriberId, config.email) };
  }
}

/** What a run would do, changing nothing: the rows it would retry, and the new digests it would send. */
async function dryRun(config: ResolvedConfig, deps: SendDigestDependencies, options: SendOptions): Promise<SendReport> {
  const { db } = deps;
  const waiting = unfinishedDigests(db).reduce((n, d) => n + outboxCounts(db, d.number).queued, 0);
  if (options.retryOnly === true) return { kind: 'dry-run', waiting, digest: undefined };
  const source = await digestSource(config, deps);
  const plans: RunPlan[] = [];
  // Numbered as a send would number them, though nothing is recorded.
  let number = nextDigestNumber(db);
  for (const frequency of frequenciesToRun(config, db, deps.now(), options.frequency)) plans.push(await planRun(config, db, source, { frequency, number: number++, now: deps.now() }));
  const editions = plans.flatMap((plan) => (plan.kind === 'planned' ? plan.editions : []));
  const first = editions[0];
  if (first === undefined) return { kind: 'dry-run', waiting, digest: undefined };
  const articles = new Set(editions.flatMap((e) => e.articles.map((a) => a.id))).size;
  return { kind: 'dry-run', waiting, digest: { subject: first.digest.subject, articles, recipients: editions.reduce((n, e) => n + e.subscriberIds.length, 0), editions: editions.length } };
}
