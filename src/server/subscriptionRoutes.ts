import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDay } from '../article/formatDay.js';
import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { isBroadsheetError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { layout, messagePage, subscribeForm } from '../pages/layout.js';
import type { ConfirmResult, Subscriptions } from '../subscribers/subscriptions.js';
import type { RateLimiter } from './rateLimiter.js';
import { BodyTooLarge, parseFields, readBody } from './requestBody.js';

interface RouteDependencies {
  site: SiteConfig;
  subscriptions: Subscriptions | undefined;
  limiter: RateLimiter;
  logger: Logger;
}

interface Answer {
  status: number;
  title: string;
  message: string;
  headers?: Record<string, string>;
  /** HTML after the message on the page (a form for the next step); JSON answers carry the message only. */
  afterHtml?: string;
}

const ROUTES = new Set(['/subscribe', '/confirm', '/unsubscribe']);

/** The subscription endpoints; false when the request is for something else. */
export async function handleSubscriptionRoute(request: IncomingMessage, response: ServerResponse, url: URL, deps: RouteDependencies): Promise<boolean> {
  if (!ROUTES.has(url.pathname)) return false;
  const token = url.searchParams.get('token') ?? '';
  if (url.pathname === '/unsubscribe' && (request.method === 'GET' || request.method === 'HEAD')) {
    // A link scanner or a preview pane may GET this URL: only the POST below unsubscribes.
    response.writeHead(token === '' ? 400 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(unsubscribePage(deps.site, token));
    return true;
  }
  const wantsJson = String(request.headers.accept ?? '').includes('application/json') || String(request.headers['content-type'] ?? '').startsWith('application/json');
  const answer = await route(request, url, deps).catch((error: unknown): Answer => {
    // The rest of the body is not read: closing the connection spares reading it only to throw it away.
    if (error instanceof BodyTooLarge) return { status: 413, title: 'Too large', message: 'The request body is too large.', headers: { Connection: 'close' } };
    if (isBroadsheetError(error) && (error.code === 'INPUT_INVALID' || error.code === 'TOKEN_INVALID')) {
      return { status: 400, title: error.code === 'TOKEN_INVALID' ? 'This link does not work' : 'Please check your input', message: `${capitalise(error.message)} ${error.hint ?? ''}`.trim() };
    }
    deps.logger.log('error', 'subscription.error', { path: url.pathname, error: isBroadsheetError(error) ? error.describe() : String(error) });
    return { status: 503, title: 'Please try again later', message: 'We could not handle this just now. Please try again in a few minutes.' };
  });
  const headers = { 'Cache-Control': 'no-store', ...answer.headers };
  if (wantsJson) {
    response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(`${JSON.stringify({ status: answer.status < 400 ? 'ok' : 'error', message: answer.message })}\n`);
  } else {
    // A mistyped address gets the form again, so a reader without JavaScript or a back button can retry.
    const retry = url.pathname === '/subscribe' && answer.status === 400 ? `\n${subscribeForm(deps.site)}` : (answer.afterHtml ?? '');
    response.writeHead(answer.status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(messagePage(deps.site, answer.title, [answer.message], retry));
  }
  return true;
}

async function route(req: IncomingMessage, u: URL, d: RouteDependencies): Promise<Answer> {
  const method = req.method ?? 'GET';
  const token = u.searchParams.get('token') ?? '';
  const allowed = u.pathname === '/confirm' ? 'GET' : 'POST';
  if (method !== allowed) return { status: 405, title: 'Not allowed', message: `Use ${allowed} here.`, headers: { Allow: allowed } };
  if (d.subscriptions === undefined) return { status: 503, title: 'Subscriptions are closed', message: 'This site does not take subscriptions at the moment.' };
  if (u.pathname === '/confirm') {
    const result = d.subscriptions.confirm(token);
    if (result.kind === 'left') return leftAnswer(d.site, result);
    d.logger.log('info', 'subscriber.confirmed');
    return { status: 200, title: 'You are subscribed', message: `Thank you: the next ${d.site.title} digest will reach you.` };
  }
  if (u.pathname === '/unsubscribe') {
    d.subscriptions.unsubscribe(token);
    d.logger.log('info', 'subscriber.unsubscribed');
    return { status: 200, title: 'You are unsubscribed', message: `You will not receive the ${d.site.title} digest any more.` };
  }
  const ip = req.socket.remoteAddress ?? 'unknown';
  const wait = d.limiter.take(ip);
  if (wait !== undefined) return { status: 429, title: 'Too many requests', message: `Please wait ${wait} seconds and try again.`, headers: { 'Retry-After': String(wait) } };
  const fields = parseFields(req.headers['content-type'], await readBody(req));
  // Only a database write: the mail is queued and sent in the background, so neither the time nor the
  // answer tells whether the address was known or the mail server is up.
  d.subscriptions.subscribe(fields.email ?? '', 'web');
  d.logger.log('info', 'subscriber.requested');
  return { status: 200, title: 'Check your inbox', message: 'If this address can receive the digest, a confirmation link is on its way. Click it to start your subscription.' };
}

/**
 * A confirmation link replayed after its address left: it does not subscribe them again (leaving is a
 * decision), says when they left, and offers a new confirmation, which is how anyone comes back.
 */
function leftAnswer(site: SiteConfig, result: Extract<ConfirmResult, { kind: 'left' }>): Answer {
  const on = result.since === undefined ? '' : ` on ${formatDay(site.language, result.since, site.timezone)}`;
  const what = result.status === 'unsubscribed' ? `${result.email} unsubscribed from ${site.title}${on}` : `Mail to ${result.email} came back undelivered${on}, so it no longer receives ${site.title}`;
  return {
    status: 200,
    title: result.status === 'unsubscribed' ? 'You had unsubscribed' : 'Your address bounced',
    message: `${what}; this old link does not subscribe it again. To receive the digest, ask for a new confirmation link.`,
    afterHtml: `\n${subscribeForm(site, { email: result.email, button: 'Send me a new confirmation link' })}`,
  };
}

function unsubscribePage(site: SiteConfig, token: string): string {
  if (token === '') return messagePage(site, 'Unsubscribe', ['Use the unsubscribe link at the bottom of any digest you received.']);
  // A path, like the subscribe form's: the answer comes from the server that showed this page.
  const action = `${new URL('unsubscribe', site.url).pathname}?${new URLSearchParams({ token }).toString()}`;
  return layout(site, `Unsubscribe · ${site.title}`, `<h1>Unsubscribe from ${escapeHtml(site.title)}?</h1>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Yes, unsubscribe me</button>
</form>`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
