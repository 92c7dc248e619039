import type { SiteConfig } from '../config/resolvedConfig.js';
import type { HubOutcome } from '../delivery/hubPublisher.js';
import { isSubscriptionFeed } from '../feeds/channel.js';

/** Where failed pings wait (src/store/hubPings.ts). */
export interface PingQueue {
  failed(hub: string, topic: string, error: string): void;
  sent(hub: string, topic: string): void;
  due(hubs: readonly string[]): { hub: string; topic: string }[];
}

/** What the hubs were told: how many pings each took, and each one that failed (now queued). */
export interface Announcement {
  sent: number;
  failed: { hub: string; topic: string; error: string }[];
}

/** The subscription feeds among the files a build wrote, as the URLs readers subscribe to (WebSub topics). */
export function changedFeedUrls(site: SiteConfig, written: readonly string[]): string[] {
  return written.filter(isSubscriptionFeed).map((path) => new URL(path, site.url).href);
}

/**
 * Tells every hub of the feeds that changed, all hubs at once (each within its time, hubPublisher.ts), and
 * with `retry` also of what earlier pings left queued and is due again. A failure is queued, never thrown:
 * a hub that is down costs readers a poll interval, not the build. A feed that did not change is not sent.
 */
export async function announceFeeds(
  hubs: readonly string[],
  topics: readonly string[],
  deps: { queue: PingQueue; publish: (hub: string, topics: readonly string[]) => Promise<HubOutcome>; retry: boolean },
): Promise<Announcement> {
  const due = deps.retry ? deps.queue.due(hubs) : [];
  const outcomes = await Promise.all(
    hubs.flatMap((hub) => {
      const all = [...new Set([...topics, ...due.filter((ping) => ping.hub === hub).map((ping) => ping.topic)])];
      return all.length === 0 ? [] : [deps.publish(hub, all)];
    }),
  );
  const announcement: Announcement = { sent: 0, failed: [] };
  for (const { hub, sent, failed } of outcomes) {
    for (const topic of sent) deps.queue.sent(hub, topic);
    for (const { topic, error } of failed) deps.queue.failed(hub, topic, error);
    announcement.sent += sent.length;
    announcement.failed.push(...failed.map((failure) => ({ hub, ...failure })));
  }
  return announcement;
}
