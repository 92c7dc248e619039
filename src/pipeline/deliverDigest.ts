import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMessage, listIdFor } from '../delivery/composeMessage.js';
import type { DeliveryOptions, DeliveryProgress, DeliverySummary } from '../delivery/deliverQueued.js';
import { deliverQueued } from '../delivery/deliverQueued.js';
import type { MessageSource } from '../delivery/outbox.js';
import { sendAllowance } from '../delivery/sendAllowance.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { BroadsheetError } from '../errors.js';
import { verpEnvelope } from '../inbound/verp.js';
import type { Db } from '../store/database.js';
import type { StoredDigest } from '../store/digestLog.js';
import { digestEditions } from '../store/digestLog.js';
import { subscriberNames } from '../subscribers/subscriberNames.js';
import { SubscriberStore } from '../subscribers/subscriberStore.js';
import { preferencesToken, unsubscribeToken } from '../subscribers/subscriptions.js';
import { preferencesPageUrl, unsubscribePageUrl } from './prepareDigest.js';

/** Retries within one run: 1 s, 2 s, 4 s, 8 s; a server down for longer is retried by a later run. */
const ATTEMPTS = 5;
const RETRY_DELAY_MS = 1000;

export interface PassDependencies {
  db: Db;
  mailer: Mailer;
  /** Where a pass takes its digest's rows (src/delivery/outboxClaims.ts outboxSource). */
  messages: (digestNumber: number) => MessageSource;
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress: (progress: DeliveryProgress) => void;
  onRetry?: DeliveryOptions['onRetry'] | undefined;
  onDatabaseLocked?: DeliveryOptions['onDatabaseLocked'] | undefined;
  stop?: AbortSignal | undefined;
}

/** One digest's queued rows, each its edition personalised (unsubscribe link, VERP envelope) and sent once. */
export function deliverDigest(config: ResolvedConfig, secret: string, digest: StoredDigest, deps: PassDependencies): Promise<DeliverySummary> {
  const subscribers = new SubscriberStore(deps.db, deps.now);
  const editions = new Map(digestEditions(deps.db, digest.number).map((e) => [e.edition, e]));
  return deliverQueued({
    db: deps.db,
    digestNumber: digest.number,
    messages: deps.messages(digest.number),
    mailer: deps.mailer,
    compose: (message) => {
      const edition = editions.get(message.edition);
      // Recorded in the transaction that queued the row: only a state database edited by hand lacks it.
      if (edition === undefined) throw new BroadsheetError('STORE_FAILED', `digest ${digest.number} has no edition ${message.edition} in the state database.`, { hint: 'Restore the state database from a backup.' });
      const unsubscribeUrl = unsubscribePageUrl(config, unsubscribeToken(message.subscriberId, secret));
      const preferencesUrl = preferencesPageUrl(config, preferencesToken(message.subscriberId, secret));
      const personal = personaliseDigest(edition, { unsubscribeUrl, preferencesUrl, ...subscriberNames(subscribers.get(message.subscriberId) ?? {}) });
      const verp = verpEnvelope(config.email.bounceAddress, secret, { digestNumber: digest.number, subscriberId: message.subscriberId });
      return composeMessage({ to: message.email, subject: edition.subject, ...personal, unsubscribeUrl, messageId: message.messageId, date: deps.now(), verp }, config.email, listIdFor(config.site.url));
    },
    concurrency: config.email.maxConnections,
    attempts: ATTEMPTS,
    retryDelayMs: RETRY_DELAY_MS,
    sleep: deps.sleep,
    now: deps.now,
    onPermanentFailure: (subscriberId) => subscribers.recordBounce(subscriberId, config.email.bounceAfter),
    onDelivered: (subscriberId) => subscribers.clearBounces(subscriberId),
    onProgress: deps.onProgress,
    // Callers that do not watch the waits (tests of other things) see them in the summary's reasons.
    onRetry: deps.onRetry ?? (() => {}),
    onDatabaseLocked: deps.onDatabaseLocked ?? (() => {}),
    stop: deps.stop,
    allowance: sendAllowance(deps.db, config.email),
  });
}
