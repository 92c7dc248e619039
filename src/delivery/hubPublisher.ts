import { mapConcurrent } from '../io/mapConcurrent.js';
import { errorCode } from '../io/systemErrors.js';

/** What one hub made of the pings sent to it. */
export interface HubOutcome {
  hub: string;
  sent: string[];
  failed: { topic: string; error: string }[];
}

/** A build waits on a hub this long at most, for all of its pings together: a slow hub never holds a build up. */
export const HUB_TIMEOUT_MS = 10_000;

/** Pings in flight to one hub at once: a first build announces every tag's three feeds. */
const CONCURRENCY = 4;

/**
 * WebSub publishing (W3C WebSub section 7 leaves it to the hub; this is the form every public hub takes,
 * from PubSubHubbub 0.4): a `hub.mode=publish` POST per changed feed URL, which a hub accepts with a 2xx and
 * then fetches the feed itself. A redirect is a failure: a POST must not be replayed elsewhere.
 */
export async function publishToHub(hub: string, topics: readonly string[], timeoutMs = HUB_TIMEOUT_MS): Promise<HubOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  const outcome: HubOutcome = { hub, sent: [], failed: [] };
  await mapConcurrent(topics, CONCURRENCY, async (topic) => {
    try {
      const response = await fetch(hub, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
        redirect: 'manual',
        signal,
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) outcome.sent.push(topic);
      else outcome.failed.push({ topic, error: `HTTP ${response.status}` });
    } catch (error) {
      outcome.failed.push({ topic, error: signal.aborted ? `no answer within ${timeoutMs / 1000} s` : reasonOf(error) });
    }
  });
  return outcome;
}

/** fetch fails with "fetch failed" and the system's reason in its cause (ECONNREFUSED, ENOTFOUND). */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return errorCode(cause) ?? (cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error));
}
