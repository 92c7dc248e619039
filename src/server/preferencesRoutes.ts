import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBroadsheetError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SitePages } from '../pages/sitePages.js';
import type { Subscriber } from '../subscribers/subscriberStore.js';
import type { Subscriptions } from '../subscribers/subscriptions.js';
import { BodyTooLarge, parseFields, readBody } from './requestBody.js';
import { serverPage } from './serverPage.js';
import { inputProblem } from './subscriptionRoutes.js';

interface PreferencesDependencies {
  pages: SitePages;
  subscriptions: Subscriptions | undefined;
  logger: Logger;
}

const PATH = '/preferences';

/**
 * The preferences page a mail's "Manage your subscription" link opens: GET shows the subscriber's topics,
 * frequency and pause, POST changes them. The signed token travels in a hidden field of the form (the POST's
 * URL holds none), so no other site can make a reader's browser change them. False for any other path.
 */
export async function handlePreferencesRoute(request: IncomingMessage, response: ServerResponse, url: URL, deps: PreferencesDependencies): Promise<boolean> {
  if (url.pathname !== PATH) return false;
  const { status, body, headers } = await answer(request, url, deps).catch((error: unknown) => problem(error, deps));
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(body);
  return true;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

async function answer(request: IncomingMessage, url: URL, deps: PreferencesDependencies): Promise<Answer> {
  const { pages, subscriptions } = deps;
  const t = (key: string, values?: Record<string, unknown>) => pages.messages.text(key, values);
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return errorPage(pages, 405, t('error.method.heading'), t('error.method.message', { method: 'GET, POST' }), { Allow: 'GET, HEAD, POST' });
  const queryToken = url.searchParams.get('token') ?? '';
  // Without a token it is a reader looking for the page (a typed or shared address): they get the way to it.
  if (method !== 'POST' && queryToken === '') return { status: 200, body: page(pages, { heading: t('preferences.help.heading'), message: t('preferences.help.message', { site: pages.site.title }) }) };
  if (subscriptions === undefined) return errorPage(pages, 503, t('error.closed.heading'), t('error.closed.message'));
  if (method !== 'POST') return { status: 200, body: preferencesPage(pages, subscriptions, queryToken, undefined) };
  const fields = parseFields(request.headers['content-type'], await readBody(request));
  const token = fields.text('token') ?? '';
  try {
    subscriptions.savePreferences(token, { topics: fields.list('topics') ?? [], frequency: fields.text('frequency'), pausedUntil: fields.text('pausedUntil') ?? '' });
  } catch (error) {
    // A choice refused: the page again, as stored, saying which field and why.
    if (isBroadsheetError(error) && error.code === 'INPUT_INVALID' && error.field !== undefined) return { status: 400, body: preferencesPage(pages, subscriptions, token, { kind: 'alert', text: inputProblem(error) }) };
    throw error;
  }
  deps.logger.log('info', 'subscriber.preferences');
  return { status: 200, body: preferencesPage(pages, subscriptions, token, { kind: 'status', text: t('preferences.saved') }) };
}

/** The page for the subscriber of `token`, with a line saying what just happened, if anything. */
function preferencesPage(pages: SitePages, subscriptions: Subscriptions, token: string, note: { kind: 'status' | 'alert'; text: string } | undefined): string {
  const t = (key: string, values?: Record<string, unknown>) => pages.messages.text(key, values);
  const { subscriber, unsubscribeToken, pause } = subscriptions.preferences(token);
  const heading = t('preferences.heading', { site: pages.site.title });
  if (subscriber.status === 'unsubscribed' || subscriber.status === 'bounced') {
    return page(pages, { heading, message: t(`preferences.left.${subscriber.status}`, { email: subscriber.email, site: pages.site.title }), refill: subscriber.email });
  }
  return page(pages, {
    heading,
    message: subscriber.status === 'pending' ? t('preferences.pending') : undefined,
    note,
    form: {
      action: pages.paths.preferences,
      token,
      email: subscriber.email,
      choices: pages.choices(chosenBy(subscriber)),
      pause,
      unsubscribeAction: `${pages.paths.unsubscribe}?${new URLSearchParams({ token: unsubscribeToken }).toString()}`,
    },
  });
}

function chosenBy(subscriber: Subscriber): { topics: string[]; frequency: string | undefined } {
  return { topics: subscriber.topics.map((topic) => topic.tag), frequency: subscriber.frequency };
}

interface PreferencesView {
  heading: string;
  message: string | undefined;
  note?: { kind: 'status' | 'alert'; text: string } | undefined;
  form?: object;
  /** The subscribe form, filled with the address of someone who left. */
  refill?: string;
}

function page(pages: SitePages, view: PreferencesView): string {
  return serverPage(pages, 'preferences', pages.messages.text('preferences.title'), { note: undefined, form: undefined, refill: undefined, ...view });
}

function errorPage(pages: SitePages, status: number, heading: string, message: string, headers?: Record<string, string>): Answer {
  return { status, body: serverPage(pages, 'error', heading, { heading, message }), ...(headers === undefined ? {} : { headers }) };
}

function problem(error: unknown, deps: PreferencesDependencies): Answer {
  const t = (key: string) => deps.pages.messages.text(key);
  if (error instanceof BodyTooLarge) return errorPage(deps.pages, 413, t('error.tooLarge.heading'), t('error.tooLarge.message'), { Connection: 'close' });
  if (isBroadsheetError(error) && error.code === 'TOKEN_INVALID') return errorPage(deps.pages, 400, t('error.link.heading'), t('error.link.message'));
  if (isBroadsheetError(error) && error.code === 'INPUT_INVALID') return errorPage(deps.pages, 400, t('error.input.heading'), inputProblem(error));
  deps.logger.log('error', 'preferences.error', { error: isBroadsheetError(error) ? error.describe() : String(error) });
  return errorPage(deps.pages, 503, t('error.unavailable.heading'), t('error.unavailable.message'));
}
