import { ContentCache } from './contentCache.js';
import { FeedPlanMemo } from './feedPlanMemo.js';
import { OutputMemo } from './outputMemo.js';

/**
 * What earlier builds learnt: about the files (index, verdicts, bodies, placed articles), the feed plans
 * (in memory only) and the outputs written. Kept in memory by a long-running process and persisted in the
 * state store between CLI runs (buildCacheStore.ts).
 */
export interface BuildCache {
  content: ContentCache;
  feedPlans: FeedPlanMemo;
  outputs: OutputMemo;
}

export function emptyBuildCache(): BuildCache {
  return { content: new ContentCache(), feedPlans: new FeedPlanMemo(), outputs: new OutputMemo() };
}
