import type { HubAnswer } from '../pipeline/websubHub.js';
import { BUILT_IN_HUB_PATH } from '../feeds/websubHubs.js';
import type { RequestLimits } from '../store/requestLimits.js';
import type { Route } from './createServer.js';
import { BodyTooLarge, readBody } from './requestBody.js';

/**
 * The built-in WebSub hub's endpoint (feeds.websub.builtIn): a form POST to subscribe or unsubscribe,
 * answered 202 before the callback is verified (W3C WebSub section 5.1), or a plain-text 4xx naming the
 * field at fault, for the reader's developer. Each client may ask 10 at once, then 30 a minute.
 */
export function websubRoute(hub: { request(form: URLSearchParams): Promise<HubAnswer> }, limits: RequestLimits, now: () => number): Route {
  const limiter = limits.of('websub', { burst: 10, perMinute: 30 }, now);
  return async (request, response, url) => {
    if (url.pathname !== BUILT_IN_HUB_PATH) return false;
    const send = (status: number, text: string, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(`${text}\n`);
    if (request.method !== 'POST') {
      send(405, 'Method not allowed: subscribe with a POST of hub.mode, hub.callback and hub.topic (W3C WebSub section 5.1).', { Allow: 'POST' });
      return true;
    }
    const wait = limiter.take(request.socket.remoteAddress ?? 'unknown');
    if (wait !== undefined) {
      send(429, `Too many requests: try again in ${wait} s.`, { 'Retry-After': String(wait) });
      return true;
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      send(415, 'Content-Type: expected application/x-www-form-urlencoded (W3C WebSub section 5.1).');
      return true;
    }
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      send(413, 'The request is too large: a subscription request is a few fields.', { Connection: 'close' });
      return true;
    }
    const answer = await hub.request(new URLSearchParams(body));
    if (answer.status === 202) send(202, 'Accepted: the callback will now be asked to confirm, with hub.challenge.');
    else send(answer.status, `${answer.field}: ${answer.message}`);
    return true;
  };
}
