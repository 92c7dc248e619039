import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDay } from '../article/formatDay.js';
import type { BroadsheetError } from '../errors.js';
import { isBroadsheetError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { PageName, SitePages } from '../pages/sitePages.js';
import type { RequestLimit } from '../store/requestLimits.js';
import type { ConfirmResult, Subscriptions } from '../subscribers/subscriptions.js';
import { BodyTooLarge, parseFields, readBody } from './requestBody.js';
import { serverPage } from './serverPage.js';

interface RouteDependencies {
  pages: SitePages;
  subscriptions: Subscriptions | undefined;
  limiter: RequestLimit;
  logger: Logger;
}

interface Answer {
  status: number;
  page: PageName;
  heading: string;
  message: string;
  headers?: Record<string, string>;
  /** An address to fill the subscribe form with (a link that came to it); the page then offers the form. */
  refill?: string;
  /** The field of the request at fault, for a program to point at. */
  field?: string;
}

const ROUTES = new Set(['/subscribe', '/confirm', '/unsubscribe']);

/** The subscription endpoints; false when the request is for something else. */
export async function handleSubscriptionRoute(request: IncomingMessage, response: ServerResponse, url: URL, deps: RouteDependencies): Promise<boolean> {
  if (!ROUTES.has(url.pathname)) return false;
  const token = url.searchParams.get('token') ?? '';
  if (url.pathname === '/unsubscribe' && (request.method === 'GET' || request.method === 'HEAD')) {
    // A link scanner or a preview pane may GET this URL: only the POST below unsubscribes. Without a token it
    // is a reader looking for how to leave (a typed or shared address), who gets the way, not an error.
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(unsubscribePage(deps, token));
    return true;
  }
  const t = (key: string, values?: Record<string, unknown>) => deps.pages.messages.text(key, values);
  const wantsJson = String(request.headers.accept ?? '').includes('application/json') || String(request.headers['content-type'] ?? '').startsWith('application/json');
  const answer = await route(request, url, deps).catch((error: unknown): Answer => {
    // The rest of the body is not read: closing the connection spares reading it only to throw it away.
    if (error instanceof BodyTooLarge) return { status: 413, page: 'error', heading: t('error.tooLarge.heading'), message: t('error.tooLarge.message'), headers: { Connection: 'close' } };
    if (error instanceof AddressRefused) return { status: 400, page: 'subscribe', heading: t('error.input.heading'), message: t('error.address.message', { address: error.address }) };
    if (isBroadsheetError(error) && error.code === 'TOKEN_INVALID') return { status: 400, page: 'error', heading: t('error.link.heading'), message: t('error.link.message') };
    // A malformed body comes from a program, not from the form: its developer gets the precise reason.
    if (isBroadsheetError(error) && error.code === 'INPUT_INVALID') return { status: 400, page: 'error', heading: t('error.input.heading'), message: inputProblem(error), field: error.field };
    deps.logger.log('error', 'subscription.error', { path: url.pathname, error: isBroadsheetError(error) ? error.describe() : String(error) });
    return { status: 503, page: 'error', heading: t('error.unavailable.heading'), message: t('error.unavailable.message') };
  });
  const headers = { 'Cache-Control': 'no-store', ...answer.headers };
  if (wantsJson) {
    response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(`${JSON.stringify({ status: answer.status < 400 ? 'ok' : 'error', message: answer.message, field: answer.field })}\n`);
  } else {
    // A mistyped address gets the form again, so a reader without JavaScript or a back button can retry.
    const body = serverPage(deps.pages, answer.page, answer.heading, { heading: answer.heading, message: answer.message, retry: answer.page === 'subscribe' && answer.status === 400, action: undefined, refill: answer.refill });
    response.writeHead(answer.status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  }
  return true;
}

/** An address the subscribe form was given and the parser refused, kept to show it back. */
class AddressRefused extends Error {
  constructor(readonly address: string) {
    super('not an e-mail address');
  }
}

async function route(req: IncomingMessage, u: URL, d: RouteDependencies): Promise<Answer> {
  const t = (key: string, values?: Record<string, unknown>) => d.pages.messages.text(key, values);
  const site = { site: d.pages.site.title };
  const method = req.method ?? 'GET';
  const token = u.searchParams.get('token') ?? '';
  const allowed = u.pathname === '/confirm' ? 'GET' : 'POST';
  if (method !== allowed) return { status: 405, page: 'error', heading: t('error.method.heading'), message: t('error.method.message', { method: allowed }), headers: { Allow: allowed } };
  if (d.subscriptions === undefined) return { status: 503, page: 'error', heading: t('error.closed.heading'), message: t('error.closed.message') };
  if (u.pathname === '/confirm') {
    const result = d.subscriptions.confirm(token);
    if (result.kind === 'left') return leftAnswer(d.pages, result);
    d.logger.log('info', 'subscriber.confirmed');
    return { status: 200, page: 'confirm', heading: t('confirm.heading'), message: t('confirm.message', site) };
  }
  if (u.pathname === '/unsubscribe') {
    d.subscriptions.unsubscribe(token);
    d.logger.log('info', 'subscriber.unsubscribed');
    return { status: 200, page: 'unsubscribe', heading: t('unsubscribe.done.heading'), message: t('unsubscribe.done.message', site) };
  }
  const ip = req.socket.remoteAddress ?? 'unknown';
  const wait = d.limiter.take(ip);
  if (wait !== undefined) return { status: 429, page: 'error', heading: t('error.tooMany.heading'), message: t('error.tooMany.message', { count: wait }), headers: { 'Retry-After': String(wait) } };
  const fields = parseFields(req.headers['content-type'], await readBody(req));
  const email = fields.text('email') ?? '';
  // No topic ticked is every article; no frequency, the first.
  const frequency = fields.text('frequency');
  const choices = { topics: fields.list('topics') ?? [], ...(frequency === undefined ? {} : { frequency }) };
  try {
    // Only a database write: the mail is queued and sent in the background, so neither the time nor the
    // answer tells whether the address was known or the mail server is up.
    d.subscriptions.subscribe(email, 'web', choices);
  } catch (error) {
    throw isBroadsheetError(error) && error.code === 'INPUT_INVALID' && error.field === 'email' ? new AddressRefused(email.trim().slice(0, 80)) : error;
  }
  d.logger.log('info', 'subscriber.requested');
  return { status: 200, page: 'subscribe', heading: t('subscribe.sent.heading'), message: t('subscribe.sent.message') };
}

/**
 * A confirmation link replayed after its address left: it does not subscribe them again (leaving is a
 * decision), says when they left, and offers a new confirmation, which is how anyone comes back.
 */
function leftAnswer(pages: SitePages, result: Extract<ConfirmResult, { kind: 'left' }>): Answer {
  const { site, messages } = pages;
  const on = result.since === undefined ? '' : messages.text('confirm.left.on', { date: formatDay(site.language, result.since, site.timezone) });
  const values = { email: result.email, site: site.title, on };
  return { status: 200, page: 'confirm', heading: messages.text(`confirm.left.${result.status}.heading`), message: messages.text(`confirm.left.${result.status}.message`, values), refill: result.email };
}

function unsubscribePage(deps: RouteDependencies, token: string): string {
  const { messages } = deps.pages;
  if (token === '') {
    const heading = messages.text('unsubscribe.help.heading');
    return serverPage(deps.pages, 'unsubscribe', heading, { heading, message: messages.text('unsubscribe.help.message', { site: deps.pages.site.title }), action: undefined, retry: false, refill: undefined });
  }
  const title = messages.text('unsubscribe.title');
  // A path, like the subscribe form's: the answer comes from the server that showed this page.
  const action = `${new URL('unsubscribe', deps.pages.site.url).pathname}?${new URLSearchParams({ token }).toString()}`;
  return serverPage(deps.pages, 'unsubscribe', title, { heading: messages.text('unsubscribe.ask', { site: deps.pages.site.title }), message: undefined, action, retry: false, refill: undefined });
}

/** `topics: "sport" is not a topic of this site. Choose among …`: what was wrong, where, and what to do. */
export function inputProblem(error: BroadsheetError): string {
  const message = error.field === undefined ? capitalise(error.message) : `${error.field}: ${error.message}`;
  return `${message} ${error.hint ?? ''}`.trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
