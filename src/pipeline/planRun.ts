import type { ArticleMeta } from '../article/article.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { RenderedDigest } from '../digest/renderDigest.js';
import type { DigestSelection } from '../digest/selectArticles.js';
import { selectArticles, selectionKey } from '../digest/selectArticles.js';
import type { Db } from '../store/database.js';
import { ReaderHistories } from '../store/readerHistory.js';
import { SubscriberStore } from '../subscribers/subscriberStore.js';
import type { DigestSource } from './prepareDigest.js';

/** One distinct selection of a run, rendered, and who gets it. */
export interface PlannedEdition {
  digest: RenderedDigest;
  articles: ArticleMeta[];
  subscriberIds: number[];
}

export type RunPlan = { kind: 'planned'; frequency: string; number: number; editions: PlannedEdition[] } | { kind: 'nothing-new' | 'no-subscribers' };

const NO_HISTORY = new Map<string, Date>();

/**
 * Who gets what in one frequency's run, changing nothing: each confirmed subscriber of the frequency who is
 * not paused gets their own selection (src/digest/selectArticles.ts); subscribers with equal selections
 * share an edition, and each edition is rendered once. The edition most of them get comes first. `after`:
 * only the subscribers with a higher id (the rest of a digest whose queueing a crash cut short).
 */
export async function planRun(config: ResolvedConfig, db: Db, source: DigestSource, run: { frequency: string; number: number; now: Date; after?: number }): Promise<RunPlan> {
  const store = new SubscriberStore(db, () => run.now);
  const histories = new ReaderHistories(db);
  const groups = new Map<string, { selection: Extract<DigestSelection<ArticleMeta>, { kind: 'digest' }>; subscriberIds: number[] }>();
  let readers = 0;
  for (const batch of store.confirmedBatches(run.frequency, config.digest.defaultFrequency, undefined, run.after)) {
    readers += batch.length;
    const sent = histories.between(batch[0]?.id ?? 0, batch.at(-1)?.id ?? 0);
    for (const subscriber of batch) {
      // What is published during a pause stays unsent, so the first digest after it brings it.
      if (subscriber.pausedUntil !== undefined && subscriber.pausedUntil > run.now) continue;
      const selection = selectArticles(source.catalogue, subscriber.topics, sent.get(subscriber.id) ?? NO_HISTORY, config.digest);
      if (selection.kind === 'nothing-new') continue;
      const key = selectionKey(selection);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { selection, subscriberIds: [subscriber.id] });
      else group.subscriberIds.push(subscriber.id);
    }
  }
  if (readers === 0) return { kind: 'no-subscribers' };
  if (groups.size === 0) return { kind: 'nothing-new' };
  const ordered = [...groups.values()].sort((a, b) => b.subscriberIds.length - a.subscriberIds.length);
  const digests = await source.render(run.number, ordered.map(({ selection }) => ({ groups: selection.groups, moreCount: selection.moreCount })));
  return {
    kind: 'planned',
    frequency: run.frequency,
    number: run.number,
    editions: ordered.map(({ selection, subscriberIds }, i) => ({ digest: digests[i] as RenderedDigest, articles: selection.articles, subscriberIds })),
  };
}
