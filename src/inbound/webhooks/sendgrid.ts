import { createPublicKey, verify } from 'node:crypto';
import * as v from 'valibot';
import type { DeliveryReport, ReportKind } from '../deliveryReport.js';
import { diagnosticText } from '../deliveryReport.js';
import type { WebhookCall, WebhookResult } from './webhookCall.js';
import { bracketed, header, parseJsonBody } from './webhookCall.js';

const events = v.array(
  v.looseObject({
    event: v.string(),
    email: v.optional(v.string()),
    sg_event_id: v.optional(v.string()),
    sg_message_id: v.optional(v.string()),
    'smtp-id': v.optional(v.string()),
    type: v.optional(v.string()),
    status: v.optional(v.string()),
    reason: v.optional(v.string()),
    response: v.optional(v.string()),
    timestamp: v.optional(v.number()),
  }),
);

/**
 * SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature of the timestamp header followed by
 * the exact body, checked with the verification key SendGrid shows (BROADSHEET_SENDGRID_VERIFICATION_KEY).
 * https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
 * A bounce of type "blocked" is SendGrid's temporary kind; "deferred" is a delay.
 */
export function readSendgridWebhook(call: WebhookCall, verificationKey: string): WebhookResult {
  const signature = header(call, 'x-twilio-email-event-webhook-signature');
  const timestamp = header(call, 'x-twilio-email-event-webhook-timestamp');
  if (signature === undefined || timestamp === undefined) return { kind: 'refused', reason: 'no signature headers' };
  let valid = false;
  try {
    const key = createPublicKey({ key: Buffer.from(verificationKey, 'base64'), format: 'der', type: 'spki' });
    valid = verify('sha256', Buffer.from(timestamp + call.body), key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { kind: 'refused', reason: 'wrong signature' };
  const parsed = parseJsonBody(call.body, events);
  if (!parsed.ok) return { kind: 'malformed', reason: parsed.reason };
  const reports: DeliveryReport[] = [];
  for (const [i, event] of parsed.value.entries()) {
    const kind = kindOf(event.event, event.type);
    if (kind === undefined) continue;
    reports.push({
      kind,
      source: 'sendgrid',
      verp: undefined,
      recipient: event.email,
      messageId: bracketed(event['smtp-id']),
      diagnostic: diagnosticText(`${event.status ?? ''} ${event.reason ?? event.response ?? event.event}`),
      reportId: event.sg_event_id ?? `${event.sg_message_id ?? ''}:${event.event}:${i}`,
    });
  }
  return { kind: 'reports', reports };
}

function kindOf(event: string, type: string | undefined): ReportKind | undefined {
  if (event === 'bounce') return type === 'blocked' ? 'soft-bounce' : 'hard-bounce';
  if (event === 'deferred') return 'delayed';
  if (event === 'spamreport') return 'complaint';
  if (event === 'unsubscribe' || event === 'group_unsubscribe') return 'unsubscribe';
  return undefined;
}
