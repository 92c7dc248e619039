import { createHmac } from 'node:crypto';
import * as v from 'valibot';
import type { DeliveryReport, ReportKind } from '../deliveryReport.js';
import { diagnosticText } from '../deliveryReport.js';
import type { VerpAddresses } from '../verp.js';
import { sameSecret } from './postmark.js';
import type { WebhookCall, WebhookResult } from './webhookCall.js';
import { bracketed, parseJsonBody, signedRowIn } from './webhookCall.js';

const payload = v.looseObject({
  signature: v.object({ timestamp: v.union([v.string(), v.number()]), token: v.string(), signature: v.string() }),
  'event-data': v.looseObject({
    event: v.string(),
    id: v.optional(v.string()),
    severity: v.optional(v.string()),
    reason: v.optional(v.string()),
    recipient: v.optional(v.string()),
    'delivery-status': v.optional(v.looseObject({ code: v.optional(v.union([v.number(), v.string()])), message: v.optional(v.string()), description: v.optional(v.string()) })),
    message: v.optional(v.looseObject({ headers: v.optional(v.looseObject({ 'message-id': v.optional(v.string()) })) })),
    envelope: v.optional(v.looseObject({ sender: v.optional(v.string()) })),
  }),
});

/**
 * Mailgun's webhooks (failed, complained, unsubscribed): the body's `signature` is HMAC-SHA256 of
 * timestamp and token with the webhook signing key (BROADSHEET_MAILGUN_SIGNING_KEY), hex.
 * https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks
 */
export function readMailgunWebhook(call: WebhookCall, signingKey: string, verp: VerpAddresses | undefined): WebhookResult {
  const parsed = parseJsonBody(call.body, payload);
  if (!parsed.ok) return { kind: 'refused', reason: `no signature (${parsed.reason})` };
  const { signature, 'event-data': event } = parsed.value;
  const expected = createHmac('sha256', signingKey).update(`${signature.timestamp}${signature.token}`).digest('hex');
  if (!sameSecret(signature.signature.toLowerCase(), expected)) return { kind: 'refused', reason: 'wrong signature' };
  const kind: ReportKind | undefined =
    event.event === 'failed' ? (event.severity === 'permanent' ? 'hard-bounce' : 'soft-bounce') : event.event === 'complained' ? 'complaint' : event.event === 'unsubscribed' ? 'unsubscribe' : undefined;
  if (kind === undefined) return { kind: 'reports', reports: [], note: event.event };
  const row = signedRowIn(verp, event.envelope?.sender ?? '');
  if (row === 'forged') return { kind: 'reports', reports: [], note: 'forged envelope sender' };
  const status = event['delivery-status'];
  const report: DeliveryReport = {
    kind,
    source: 'mailgun',
    verp: row,
    recipient: event.recipient,
    messageId: bracketed(event.message?.headers?.['message-id']),
    diagnostic: diagnosticText(`${status?.code ?? ''} ${status?.message || status?.description || event.reason || event.event}`),
    reportId: event.id ?? signature.token,
  };
  return { kind: 'reports', reports: [report] };
}
