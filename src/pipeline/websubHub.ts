import { randomBytes } from 'node:crypto';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { FEED_TYPES, subscriptionFeedFormat } from '../feeds/channel.js';
import { builtInHubUrl } from '../feeds/websubHubs.js';
import type { ResolvedAddress } from '../delivery/callbackAddress.js';
import type { DeliveryOutcome } from '../delivery/websubCallbacks.js';
import { mapConcurrent } from '../io/mapConcurrent.js';
import type { Logger } from '../log/logger.js';
import type { QueuedDelivery, WebSubSubscription } from '../store/websubSubscriptions.js';

/** A lease asked for none: ten days, as Google's hub gives. */
const DEFAULT_LEASE_SECONDS = 10 * 86_400;
/** Leases are clamped to this range: a subscriber renews at least monthly, and no more often than every 5 minutes. */
const MIN_LEASE_SECONDS = 300;
const MAX_LEASE_SECONDS = 30 * 86_400;
/** WebSub section 5.1: hub.secret MUST be less than 200 bytes. */
const MAX_SECRET_BYTES = 199;
const MAX_CALLBACK_LENGTH = 2048;
/** Deliveries in flight at once: a slow callback holds up only its own. */
const CONCURRENCY = 4;

/** Where the hub keeps its subscriptions and its queue (src/store/websubSubscriptions.ts). */
export interface HubState {
  subscribe(subscription: WebSubSubscription, leaseSeconds: number): void;
  unsubscribe(topic: string, callback: string): void;
  expire(): number;
  queue(topics: readonly string[]): void;
  due(): QueuedDelivery[];
  delivered(topic: string, callback: string): void;
  failed(topic: string, callback: string, error: string): void;
}

/** How the hub reaches a callback (src/delivery/): the name resolved once, then a request to that address. */
export interface CallbackClient {
  resolve(url: URL, allowPrivate: boolean): Promise<ResolvedAddress | { refused: string }>;
  verify(callback: string, to: ResolvedAddress, query: { mode: 'subscribe' | 'unsubscribe'; topic: string; challenge: string; leaseSeconds?: number }): Promise<string | undefined>;
  deliver(callback: string, to: ResolvedAddress, content: { body: Buffer; contentType: string; hub: string; topic: string; secret: string | undefined }): Promise<DeliveryOutcome>;
}

export interface WebSubHubDependencies {
  site: SiteConfig;
  allowPrivateCallbacks: boolean;
  state: HubState;
  callbacks: CallbackClient;
  /** A file of out/ by its path there, undefined when there is none. */
  readOut(path: string): Promise<Buffer | undefined>;
  logger: Logger;
}

/** The answer to a subscription request: accepted (verification follows), or refused with the field at fault. */
export type HubAnswer = { status: 202 } | { status: 400 | 403 | 404; field: string; message: string };

/** What one round of deliveries did. */
export interface Distribution {
  delivered: number;
  failed: { topic: string; callback: string; error: string }[];
}

type Mode = 'subscribe' | 'unsubscribe';

/** A subscription feed as out/ holds it, with the type it is served as. */
interface FeedFile {
  body: Buffer;
  contentType: string;
}

/**
 * The built-in WebSub hub (W3C WebSub, feeds.websub.builtIn): the hub of this site's subscription feeds and
 * of nothing else. It takes subscription requests, verifies each with the callback in the background,
 * and on each change of a feed delivers it to the feed's subscribers, queueing what a callback did not take.
 */
export class WebSubHub {
  readonly url: string;
  private readonly verifying = new Set<Promise<void>>();

  constructor(private readonly deps: WebSubHubDependencies) {
    this.url = builtInHubUrl(deps.site);
  }

  /** A subscribe or unsubscribe request (section 5.1), checked here; its verification (section 5.3) runs after the 202. */
  async request(form: URLSearchParams): Promise<HubAnswer> {
    const mode = form.get('hub.mode');
    if (mode !== 'subscribe' && mode !== 'unsubscribe') {
      return refused(400, 'hub.mode', mode === null ? 'missing: expected subscribe or unsubscribe.' : `expected subscribe or unsubscribe, not "${mode.slice(0, 40)}" (this hub is told of its own feeds' changes: no publish is needed).`);
    }
    const callback = callbackUrl(form.get('hub.callback'));
    if (typeof callback === 'string') return refused(400, 'hub.callback', callback);
    const topic = form.get('hub.topic') ?? '';
    if ((await this.feed(topic)) === undefined) return refused(404, 'hub.topic', `not a feed of this hub: subscribe to a subscription feed of ${this.deps.site.url} (the site's or a tag's rss.xml, atom.xml or feed.json), as its self link names it.`);
    const lease = leaseSeconds(form.get('hub.lease_seconds'));
    if (typeof lease === 'string') return refused(400, 'hub.lease_seconds', lease);
    const secret = form.get('hub.secret') ?? '';
    if (Buffer.byteLength(secret) > MAX_SECRET_BYTES) return refused(400, 'hub.secret', `must be less than 200 bytes (WebSub section 5.1).`);
    const to = await this.deps.callbacks.resolve(callback, this.deps.allowPrivateCallbacks);
    if ('refused' in to) return refused(403, 'hub.callback', `${to.refused}: this hub contacts public addresses only.`);
    const run = this.verifyIntent(mode, { topic, callback: callback.href, secret: secret === '' ? undefined : secret }, lease, to).finally(() => this.verifying.delete(run));
    this.verifying.add(run);
    return { status: 202 };
  }

  /** Waits for the verifications in flight (each at most a callback's timeout): before the state closes. */
  async settled(): Promise<void> {
    await Promise.all(this.verifying);
  }

  /**
   * Ends the leases that ran out, queues the changed topics for their subscribers, and delivers whatever is
   * due (the new ones, and earlier failures whose backoff has passed). Never throws for a callback's sake.
   */
  async distribute(changed: readonly string[]): Promise<Distribution> {
    const { state, logger } = this.deps;
    const expired = state.expire();
    if (expired > 0) logger.log('info', 'websub.expired', { subscriptions: expired });
    state.queue(changed);
    const distribution: Distribution = { delivered: 0, failed: [] };
    // Every subscriber of a topic gets the same bytes: each feed is read from out/ once a round.
    const feeds = new Map<string, Promise<FeedFile | undefined>>();
    const feedOf = (topic: string) => {
      const feed = feeds.get(topic) ?? this.feed(topic);
      feeds.set(topic, feed);
      return feed;
    };
    await mapConcurrent(state.due(), CONCURRENCY, async (delivery) => {
      const outcome = await this.deliver(delivery, await feedOf(delivery.topic));
      if (outcome.kind === 'failed') {
        state.failed(delivery.topic, delivery.callback, outcome.error);
        distribution.failed.push({ topic: delivery.topic, callback: delivery.callback, error: outcome.error });
        return;
      }
      if (outcome.kind === 'gone') state.unsubscribe(delivery.topic, delivery.callback);
      else state.delivered(delivery.topic, delivery.callback);
      distribution.delivered += outcome.kind === 'delivered' ? 1 : 0;
    });
    return distribution;
  }

  private async deliver(delivery: QueuedDelivery, feed: FeedFile | undefined): Promise<DeliveryOutcome> {
    // A tag's feed goes when its last article does: there is nothing to deliver, and nothing more will be.
    if (feed === undefined) return { kind: 'gone' };
    const to = await this.deps.callbacks.resolve(new URL(delivery.callback), this.deps.allowPrivateCallbacks);
    if ('refused' in to) return { kind: 'failed', error: to.refused };
    return this.deps.callbacks.deliver(delivery.callback, to, { ...feed, hub: this.url, topic: delivery.topic, secret: delivery.secret });
  }

  private async verifyIntent(mode: Mode, subscription: WebSubSubscription, leaseSeconds: number, to: ResolvedAddress): Promise<void> {
    const { state, logger, callbacks } = this.deps;
    const { topic, callback } = subscription;
    const challenge = randomBytes(24).toString('base64url');
    const reason = await callbacks.verify(callback, to, { mode, topic, challenge, ...(mode === 'subscribe' ? { leaseSeconds } : {}) }).catch((error: unknown) => (error as Error).message);
    // The callback's host only: its path and query may hold the subscriber's own token.
    const fields = { mode, topic, callback: new URL(callback).host };
    if (reason !== undefined) {
      logger.log('warn', 'websub.unverified', { ...fields, reason });
      return;
    }
    if (mode === 'subscribe') state.subscribe(subscription, leaseSeconds);
    else state.unsubscribe(topic, callback);
    logger.log('info', `websub.${mode}d`, { ...fields, ...(mode === 'subscribe' ? { leaseSeconds } : {}) });
  }

  /** A topic this hub serves, with its bytes and type: a subscription feed of the site, exactly as its self link is written, that out/ holds. */
  private async feed(topic: string): Promise<FeedFile | undefined> {
    const { site } = this.deps;
    if (!topic.startsWith(site.url) || URL.parse(topic)?.href !== topic) return undefined;
    const path = topic.slice(site.url.length);
    const format = subscriptionFeedFormat(path);
    if (format === undefined) return undefined;
    const body = await this.deps.readOut(path);
    return body === undefined ? undefined : { body, contentType: FEED_TYPES[format] };
  }
}

function refused(status: 400 | 403 | 404, field: string, message: string): HubAnswer {
  return { status, field, message };
}

/** An absolute http(s) URL without a fragment (section 5.1), or why not. */
function callbackUrl(value: string | null): URL | string {
  if (value === null || value === '') return 'missing: expected the absolute http:// or https:// URL to deliver to.';
  if (value.length > MAX_CALLBACK_LENGTH) return `longer than ${MAX_CALLBACK_LENGTH} characters.`;
  const url = URL.parse(value);
  if (url === null || !/^https?:$/.test(url.protocol)) return 'expected an absolute http:// or https:// URL.';
  if (url.hash !== '' || value.includes('#')) return 'expected a URL without a #fragment.';
  if (url.username !== '' || url.password !== '') return 'expected a URL without a user name or password.';
  return url;
}

/** The lease to grant: the default when none was asked for, else the one asked, within the range; or why not. */
function leaseSeconds(value: string | null): number | string {
  if (value === null || value === '') return DEFAULT_LEASE_SECONDS;
  if (!/^\d{1,10}$/.test(value)) return `expected a whole number of seconds, not "${value.slice(0, 40)}".`;
  return Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, Number(value)));
}
