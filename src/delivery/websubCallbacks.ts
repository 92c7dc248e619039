import { createHmac } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errorCode } from '../io/systemErrors.js';
import type { ResolvedAddress } from './callbackAddress.js';

/** A callback gets this long to answer a verification or a delivery; a slow one is retried, never waited on. */
const CALLBACK_TIMEOUT_MS = 10_000;

/** What a challenge answer may hold: more is not an echo of the challenge, and is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;

interface Answer {
  status: number;
  body: string;
}

/**
 * One request to a callback, connected to `to` (resolved once, callbackAddress.ts) whatever its name
 * resolves to now; https still checks the certificate against the name. Redirects are not followed: a
 * hub must not be sent elsewhere by the callback it contacts. Rejects with the system's reason.
 */
function requestCallback(url: URL, to: ResolvedAddress, init: { method: 'GET' | 'POST'; headers: OutgoingHttpHeaders; body?: Buffer }): Promise<Answer> {
  const pinned = (_host: string, options: { all?: boolean }, done: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    if (options.all === true) done(null, [{ address: to.address, family: to.family }]);
    else done(null, to.address, to.family);
  };
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: init.method, headers: init.headers, lookup: pinned, signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS) }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        else response.destroy();
      });
      response.on('close', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', (error) => reject(new Error(error.name === 'AbortError' ? `no answer within ${CALLBACK_TIMEOUT_MS / 1000} s` : (errorCode(error) ?? error.message))));
    request.end(init.body);
  });
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * Verification of intent (W3C WebSub section 5.3): a GET of the callback with hub.mode, hub.topic,
 * hub.challenge and (to subscribe) hub.lease_seconds added to its query. The subscriber confirms with a
 * 2xx whose body is the challenge exactly; undefined when it did, else the reason.
 */
export async function verifyIntent(callback: string, to: ResolvedAddress, query: { mode: 'subscribe' | 'unsubscribe'; topic: string; challenge: string; leaseSeconds?: number }): Promise<string | undefined> {
  const url = new URL(callback);
  url.searchParams.set('hub.mode', query.mode);
  url.searchParams.set('hub.topic', query.topic);
  url.searchParams.set('hub.challenge', query.challenge);
  if (query.leaseSeconds !== undefined) url.searchParams.set('hub.lease_seconds', String(query.leaseSeconds));
  const answer = await requestCallback(url, to, { method: 'GET', headers: {} });
  if (!ok(answer.status)) return `HTTP ${answer.status}`;
  return answer.body === query.challenge ? undefined : 'the answer did not echo hub.challenge';
}

/** The outcome of one content delivery: taken, gone (410: the subscriber ended it), or failed and why. */
export type DeliveryOutcome = { kind: 'delivered' } | { kind: 'gone' } | { kind: 'failed'; error: string };

/**
 * Content distribution (W3C WebSub section 7): a POST of the feed as it is, with its type, the hub and
 * self links, and with a secret `X-Hub-Signature: sha256=<HMAC-SHA256 of the body, hex>` (section 8).
 */
export async function deliverContent(callback: string, to: ResolvedAddress, content: { body: Buffer; contentType: string; hub: string; topic: string; secret: string | undefined }): Promise<DeliveryOutcome> {
  const headers: OutgoingHttpHeaders = {
    'Content-Type': content.contentType,
    'Content-Length': content.body.length,
    Link: `<${content.hub}>; rel="hub", <${content.topic}>; rel="self"`,
  };
  if (content.secret !== undefined) headers['X-Hub-Signature'] = `sha256=${createHmac('sha256', content.secret).update(content.body).digest('hex')}`;
  try {
    const answer = await requestCallback(new URL(callback), to, { method: 'POST', headers, body: content.body });
    if (answer.status === 410) return { kind: 'gone' };
    return ok(answer.status) ? { kind: 'delivered' } : { kind: 'failed', error: `HTTP ${answer.status}` };
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  }
}
