import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { countDeliveryEvents, hasOutboxRow, insertDeliveryEvent } from '../store/deliveryEvents.js';
import { parseEmailAddress } from '../subscribers/address.js';
import type { SubscriberStatus } from '../subscribers/subscriberStore.js';
import { SubscriberStore } from '../subscribers/subscriberStore.js';
import type { DeliveryReport, ReportKind } from './deliveryReport.js';

export interface ReportSettings {
  db: Db;
  email: Pick<ResolvedConfig['email'], 'softBounceLimit' | 'softBounceWindow'>;
  now: () => Date;
}

export type ReportOutcome =
  | { result: 'recorded'; subscriberId: number; digestNumber: number | undefined; kind: ReportKind; status: SubscriberStatus }
  | { result: 'duplicate'; subscriberId: number; kind: ReportKind }
  | { result: 'unknown-recipient'; recipient: string | undefined; kind: ReportKind };

/**
 * What a report does, in one transaction: stored once on the subscriber and on the outbox row of its
 * digest, then a hard bounce marks the address bounced, `email.softBounceLimit` soft bounces within
 * `email.softBounceWindow` seconds do too, and a complaint or an unsubscribe unsubscribes it (a complaint
 * also keeps it suppressed: see SubscriberStore.upsert). An address that left is never made "bounced".
 *
 * One failure of one message counts once whichever ways it is reported (a bounce mail and a webhook, a
 * DSN and the relay giving up): events that name their digest are keyed by outbox row and kind.
 */
export function recordReport(settings: ReportSettings, report: DeliveryReport): ReportOutcome {
  const { db } = settings;
  return db.transaction((): ReportOutcome => {
    const store = new SubscriberStore(db, settings.now);
    const subscriber = report.verp !== undefined ? store.get(report.verp.subscriberId) : lookUp(store, report.recipient);
    if (subscriber === undefined) return { result: 'unknown-recipient', recipient: report.recipient, kind: report.kind };
    const digestNumber = digestOf(db, report, subscriber.id);
    const key = digestNumber !== undefined ? `digest-${digestNumber}:subscriber-${subscriber.id}:${report.kind}` : `${report.source}:${report.reportId}:subscriber-${subscriber.id}:${report.kind}`;
    const now = settings.now();
    const inserted = insertDeliveryEvent(db, key, { subscriberId: subscriber.id, digestNumber, kind: report.kind, source: report.source, receivedAt: now, diagnostic: report.diagnostic });
    if (!inserted) return { result: 'duplicate', subscriberId: subscriber.id, kind: report.kind };
    const left = subscriber.status === 'unsubscribed';
    if ((report.kind === 'complaint' || report.kind === 'unsubscribe') && !left) store.setStatus(subscriber.id, 'unsubscribed');
    if (report.kind === 'hard-bounce' && !left && subscriber.status !== 'bounced') store.setStatus(subscriber.id, 'bounced');
    if (report.kind === 'soft-bounce' && !left && subscriber.status !== 'bounced') {
      const since = new Date(now.getTime() - settings.email.softBounceWindow * 1000);
      if (countDeliveryEvents(db, subscriber.id, 'soft-bounce', since) >= settings.email.softBounceLimit) store.setStatus(subscriber.id, 'bounced');
    }
    return { result: 'recorded', subscriberId: subscriber.id, digestNumber, kind: report.kind, status: store.get(subscriber.id)?.status ?? subscriber.status };
  }).immediate();
}

/**
 * A message broadsheet itself stopped retrying (a row that gave up after `email.retryFor`): one soft bounce
 * for that outbox row, counted once even if the relay's bounce for it also arrives.
 */
export function recordSoftBounce(settings: ReportSettings, row: { digestNumber: number; subscriberId: number; diagnostic: string }): ReportOutcome {
  return recordReport(settings, {
    kind: 'soft-bounce',
    source: 'delivery',
    verp: { digestNumber: row.digestNumber, subscriberId: row.subscriberId },
    recipient: undefined,
    messageId: undefined,
    diagnostic: row.diagnostic,
    reportId: `gave-up:digest-${row.digestNumber}:subscriber-${row.subscriberId}`,
  });
}

function lookUp(store: SubscriberStore, recipient: string | undefined) {
  if (recipient === undefined) return undefined;
  try {
    return store.find(parseEmailAddress(recipient));
  } catch {
    return undefined;
  }
}

/** The digest from the signed id, else from our Message-ID when it names this very subscriber. */
function digestOf(db: Db, report: DeliveryReport, subscriberId: number): number | undefined {
  const fromId = /<digest-(\d+)\.subscriber-(\d+)@/.exec(report.messageId ?? '');
  const digest = report.verp?.digestNumber ?? (fromId !== null && Number(fromId[2]) === subscriberId ? Number(fromId[1]) : undefined);
  return digest !== undefined && hasOutboxRow(db, digest, subscriberId) ? digest : undefined;
}
