import { get } from 'node:https';
import * as v from 'valibot';
import type { DeliveryReport, ReportKind } from '../deliveryReport.js';
import { diagnosticText } from '../deliveryReport.js';
import type { VerpAddresses } from '../verp.js';
import type { Fetcher } from './snsMessage.js';
import { isSnsUrl, snsMessage, verifySnsMessage } from './snsMessage.js';
import type { WebhookCall, WebhookResult } from './webhookCall.js';
import { bracketed, parseJsonBody, signedRowIn } from './webhookCall.js';

const recipients = v.optional(v.array(v.looseObject({ emailAddress: v.string(), status: v.optional(v.string()), diagnosticCode: v.optional(v.string()) })), []);

/** SES notifications (notificationType) and event publishing (eventType) alike. */
const sesEvent = v.looseObject({
  notificationType: v.optional(v.string()),
  eventType: v.optional(v.string()),
  bounce: v.optional(v.looseObject({ bounceType: v.string(), bounceSubType: v.optional(v.string()), feedbackId: v.string(), bouncedRecipients: recipients })),
  complaint: v.optional(v.looseObject({ feedbackId: v.string(), complaintFeedbackType: v.optional(v.string()), complainedRecipients: recipients })),
  deliveryDelay: v.optional(v.looseObject({ delayType: v.optional(v.string()), delayedRecipients: recipients })),
  mail: v.looseObject({
    messageId: v.string(),
    source: v.optional(v.string()),
    commonHeaders: v.optional(v.looseObject({ messageId: v.optional(v.string()) })),
    headers: v.optional(v.array(v.looseObject({ name: v.string(), value: v.string() }))),
  }),
});

export interface SesWebhook {
  topicArns: readonly string[];
  fetcher: Fetcher;
  certificates: Map<string, Promise<string>>;
}

/**
 * Amazon SES through SNS: the SNS signature verified (see snsMessage.ts), the topic one of
 * BROADSHEET_SES_TOPIC_ARN (anyone can sign with a topic of their own), a subscription confirmed by
 * visiting its SubscribeURL, and Bounce, Complaint and DeliveryDelay notifications read.
 */
export async function readSesWebhook(call: WebhookCall, ses: SesWebhook, verp: VerpAddresses | undefined): Promise<WebhookResult> {
  const parsed = parseJsonBody(call.body, snsMessage);
  if (!parsed.ok) return { kind: 'refused', reason: `not a signed SNS message (${parsed.reason})` };
  const message = parsed.value;
  if (!ses.topicArns.includes(message.TopicArn)) return { kind: 'refused', reason: `topic ${message.TopicArn} is not in BROADSHEET_SES_TOPIC_ARN` };
  const wrong = await verifySnsMessage(message, ses.fetcher, ses.certificates);
  if (wrong !== undefined) return { kind: 'refused', reason: wrong };
  if (message.Type === 'SubscriptionConfirmation') {
    const url = isSnsUrl(message.SubscribeURL);
    if (url === undefined) return { kind: 'refused', reason: 'the SubscribeURL is not on an amazonaws.com SNS host' };
    await ses.fetcher(url);
    return { kind: 'reports', reports: [], note: `subscribed to ${message.TopicArn}` };
  }
  if (message.Type === 'UnsubscribeConfirmation') return { kind: 'reports', reports: [], note: `unsubscribed from ${message.TopicArn}` };
  const event = parseJsonBody(message.Message, sesEvent);
  if (!event.ok) return { kind: 'malformed', reason: `Message: ${event.reason}` };
  return { kind: 'reports', reports: sesReports(event.value, message.MessageId, verp) };
}

function sesReports(event: v.InferOutput<typeof sesEvent>, snsId: string, verp: VerpAddresses | undefined): DeliveryReport[] {
  const type = event.notificationType ?? event.eventType;
  const { mail } = event;
  const row = signedRowIn(verp, [mail.source ?? '', ...(mail.headers ?? []).map((h) => h.value)].join(' '));
  if (row === 'forged') return [];
  const messageId = bracketed(mail.commonHeaders?.messageId ?? mail.headers?.find((h) => h.name.toLowerCase() === 'message-id')?.value);
  const make = (kind: ReportKind, list: v.InferOutput<typeof recipients>, id: string, words: string) =>
    list.map((r): DeliveryReport => ({
      kind,
      source: 'ses',
      verp: row,
      recipient: r.emailAddress,
      messageId,
      diagnostic: diagnosticText(`${r.status ?? ''} ${r.diagnosticCode ?? words}`),
      reportId: `${id}:${r.emailAddress.toLowerCase()}`,
    }));
  if (type === 'Bounce' && event.bounce !== undefined) {
    const b = event.bounce;
    // Permanent is SES's hard bounce; Transient (MailboxFull, General...) and Undetermined are soft.
    return make(b.bounceType === 'Permanent' ? 'hard-bounce' : 'soft-bounce', b.bouncedRecipients, b.feedbackId, `${b.bounceType} ${b.bounceSubType ?? ''}`);
  }
  if (type === 'Complaint' && event.complaint !== undefined) return make('complaint', event.complaint.complainedRecipients, event.complaint.feedbackId, `complaint ${event.complaint.complaintFeedbackType ?? ''}`);
  if (type === 'DeliveryDelay' && event.deliveryDelay !== undefined) return make('delayed', event.deliveryDelay.delayedRecipients, snsId, `delayed ${event.deliveryDelay.delayType ?? ''}`);
  return [];
}

/** Production's fetcher: HTTPS with the system's certificate authorities, a timeout and a size cap. */
export const httpsFetcher: Fetcher = (url) =>
  new Promise((resolve, reject) => {
    const request = get(url, { timeout: 10_000 }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`${url.hostname} answered ${response.statusCode}`));
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 64 * 1024) request.destroy(new Error('answer too large'));
      });
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
