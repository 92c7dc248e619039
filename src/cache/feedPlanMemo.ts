import type { ArticleMeta } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedPlan } from '../feeds/planFeeds.js';
import { editsInPlace } from './placement.js';

/** What feed plans are made from. */
export interface FeedPlanInputs {
  site: SiteConfig;
  feeds: { limit: number; tagFeeds: boolean };
  /** The messages' text (`Messages.source`): a tag's feed is described in their words. */
  words: string;
  /** The published articles, newest first. */
  articles: readonly ArticleMeta[];
}

/**
 * The feed plans of the last build, for a process that builds again and again: the same articles (the same
 * array) plan the same feeds, so a scan that found nothing new skips the grouping, and one that found articles
 * edited in place (placement.ts) only swaps them into the feeds that hold them.
 */
export class FeedPlanMemo {
  private last: { inputs: FeedPlanInputs; plans: FeedPlan<ArticleMeta>[] } | undefined;

  plans(inputs: FeedPlanInputs, plan: () => FeedPlan<ArticleMeta>[]): FeedPlan<ArticleMeta>[] {
    const plans = this.fromLast(inputs) ?? plan();
    this.last = { inputs, plans };
    return plans;
  }

  private fromLast(inputs: FeedPlanInputs): FeedPlan<ArticleMeta>[] | undefined {
    const last = this.last;
    if (last === undefined || last.inputs.site !== inputs.site || last.inputs.feeds !== inputs.feeds || last.inputs.words !== inputs.words) return undefined;
    if (last.inputs.articles === inputs.articles) return last.plans;
    const edits = editsInPlace(last.inputs.articles, inputs.articles);
    if (edits === undefined) return undefined;
    return last.plans.map(({ channel, items }) => ({ channel, items: items.map((item) => edits.get(item) ?? item) }));
  }
}
