import { createHash, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import type { WebhookSecrets } from '../../config/resolvedConfig.js';
import type { DeliveryReport, ReportKind } from '../deliveryReport.js';
import { diagnosticText } from '../deliveryReport.js';
import type { WebhookCall, WebhookResult } from './webhookCall.js';
import { header, parseJsonBody } from './webhookCall.js';

const record = v.looseObject({
  RecordType: v.string(),
  ID: v.optional(v.union([v.number(), v.string()])),
  Type: v.optional(v.string()),
  Email: v.optional(v.string()),
  Recipient: v.optional(v.string()),
  Details: v.optional(v.string()),
  Description: v.optional(v.string()),
  MessageID: v.optional(v.string()),
  SuppressSending: v.optional(v.boolean()),
  SuppressionReason: v.optional(v.nullable(v.string())),
  ChangedAt: v.optional(v.string()),
});

/** Postmark's bounce types (https://postmarkapp.com/developer/api/bounce-api#bounce-types) as ours. */
const BOUNCE_TYPES: Record<string, ReportKind> = {
  HardBounce: 'hard-bounce',
  BadEmailAddress: 'hard-bounce',
  ManuallyDeactivated: 'hard-bounce',
  SoftBounce: 'soft-bounce',
  Transient: 'soft-bounce',
  DnsError: 'soft-bounce',
  SpamComplaint: 'complaint',
  Unsubscribe: 'unsubscribe',
};

/**
 * Postmark's bounce, spam complaint and subscription change webhooks, authenticated by the HTTP Basic
 * credentials set in the webhook's URL (BROADSHEET_POSTMARK_WEBHOOK_USER / _PASSWORD). Auto-responders
 * and the other informational types are ignored.
 */
export function readPostmarkWebhook(call: WebhookCall, secrets: NonNullable<WebhookSecrets['postmark']>): WebhookResult {
  const given = /^Basic\s+(.+)$/i.exec(header(call, 'authorization') ?? '')?.[1];
  if (given === undefined) return { kind: 'refused', reason: 'no Basic credentials' };
  if (!sameSecret(Buffer.from(given, 'base64').toString('utf8'), `${secrets.user}:${secrets.password}`)) return { kind: 'refused', reason: 'wrong credentials' };
  const parsed = parseJsonBody(call.body, record);
  if (!parsed.ok) return { kind: 'malformed', reason: parsed.reason };
  const r = parsed.value;
  const kind =
    r.RecordType === 'SpamComplaint'
      ? 'complaint'
      : r.RecordType === 'SubscriptionChange'
        ? r.SuppressSending === true && r.SuppressionReason === 'ManualSuppression' ? 'unsubscribe' : undefined
        : r.RecordType === 'Bounce' ? BOUNCE_TYPES[r.Type ?? ''] : undefined;
  if (kind === undefined) return { kind: 'reports', reports: [], note: `${r.RecordType} ${r.Type ?? ''}`.trim() };
  const report: DeliveryReport = {
    kind,
    source: 'postmark',
    verp: undefined,
    recipient: r.Email ?? r.Recipient,
    messageId: undefined,
    diagnostic: diagnosticText(`${r.Type ?? r.RecordType}: ${r.Details ?? r.Description ?? r.SuppressionReason ?? ''}`),
    reportId: String(r.ID ?? `${r.MessageID ?? ''}:${r.ChangedAt ?? ''}`),
  };
  return { kind: 'reports', reports: [report] };
}

/** Compares hashes, so neither the length nor the bytes of the secret leak through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
