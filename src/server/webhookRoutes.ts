import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookSecrets } from '../config/resolvedConfig.js';
import type { InboundReports } from '../inbound/inboundReports.js';
import { readMailgunWebhook } from '../inbound/webhooks/mailgun.js';
import { readPostmarkWebhook } from '../inbound/webhooks/postmark.js';
import { readSendgridWebhook } from '../inbound/webhooks/sendgrid.js';
import { readSesWebhook } from '../inbound/webhooks/ses.js';
import type { Fetcher } from '../inbound/webhooks/snsMessage.js';
import type { WebhookCall, WebhookResult } from '../inbound/webhooks/webhookCall.js';
import type { Logger } from '../log/logger.js';
import { BodyTooLarge, readBody } from './requestBody.js';

export interface WebhookDependencies {
  secrets: WebhookSecrets;
  inbound: InboundReports;
  /** How SNS certificates and subscription links are fetched (production: HTTPS to amazonaws.com). */
  fetcher: Fetcher;
  logger: Logger;
}

export type WebhookRoutes = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

/** Providers batch events (SendGrid up to thousands per call): far more than a form, far less than a mail. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * `POST /webhooks/ses`, `/postmark`, `/mailgun`, `/sendgrid`. A provider whose secret is not in the
 * environment has no endpoint (404). A call that is unsigned or wrongly signed is answered 401 and logged,
 * and nothing in it is read further; a signed call's reports go through the same handling as mail.
 */
export function webhookRoutes(deps: WebhookDependencies): WebhookRoutes {
  const certificates = new Map<string, Promise<string>>();
  const { secrets } = deps;
  const readers: Record<string, ((call: WebhookCall) => Promise<WebhookResult> | WebhookResult) | undefined> = {
    ses: secrets.sesTopicArns.length === 0 ? undefined : (call) => readSesWebhook(call, { topicArns: secrets.sesTopicArns, fetcher: deps.fetcher, certificates }, deps.inbound.verp),
    postmark: secrets.postmark === undefined ? undefined : (call) => readPostmarkWebhook(call, secrets.postmark as NonNullable<WebhookSecrets['postmark']>),
    mailgun: secrets.mailgunSigningKey === undefined ? undefined : (call) => readMailgunWebhook(call, secrets.mailgunSigningKey as string, deps.inbound.verp),
    sendgrid: secrets.sendgridVerificationKey === undefined ? undefined : (call) => readSendgridWebhook(call, secrets.sendgridVerificationKey as string),
  };
  return async (request, response, url) => {
    const provider = /^\/webhooks\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (provider === undefined || !(provider in readers)) return false;
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(`${JSON.stringify(body)}\n`);
    if (request.method !== 'POST') {
      answer(405, { status: 'error', message: 'Use POST here.' }, { Allow: 'POST' });
      return true;
    }
    const read = readers[provider];
    const client = request.socket.remoteAddress;
    if (read === undefined) {
      deps.logger.log('warn', 'webhook.not-configured', { provider, client });
      answer(404, { status: 'error', message: `The ${provider} webhook is not configured.` });
      return true;
    }
    let body: string;
    try {
      body = await readBody(request, MAX_WEBHOOK_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      answer(413, { status: 'error', message: 'The body is too large.' }, { Connection: 'close' });
      return true;
    }
    const result = await read({ headers: request.headers, body });
    if (result.kind === 'refused') {
      deps.logger.log('warn', 'webhook.refused', { provider, client, reason: result.reason });
      answer(401, { status: 'error', message: 'Not signed, or not signed with the configured secret.' }, provider === 'postmark' ? { 'WWW-Authenticate': 'Basic realm="broadsheet webhooks"' } : {});
      return true;
    }
    if (result.kind === 'malformed') {
      deps.logger.log('warn', 'webhook.malformed', { provider, client, reason: result.reason });
      answer(400, { status: 'error', message: result.reason });
      return true;
    }
    for (const report of result.reports) deps.inbound.report(report);
    if (result.note !== undefined) deps.logger.log('info', 'webhook.noted', { provider, note: result.note });
    answer(200, { status: 'ok', reports: result.reports.length });
    return true;
  };
}
