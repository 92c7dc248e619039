import { uniqueTags } from './indexEntry.js';
import type { ContentWarning } from '../article/article.js';

/**
 * Every tag is a feed of its own, and every feed lists each of its articles' tags: an article with thousands
 * of tags cost time and disk with the square of their number. So an article keeps its first 50 tags (of
 * every taxonomy key together, as written, without repeats), each at most 100 characters.
 */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;

/** The tags an article keeps and, when some were dropped, a warning saying which and why. */
export function limitTags(tags: readonly string[], line: number): { tags: string[]; warnings: ContentWarning[] } {
  const unique = uniqueTags(tags);
  const fitting = unique.filter((tag) => tag.length <= MAX_TAG_LENGTH || [...tag].length <= MAX_TAG_LENGTH);
  const kept = fitting.slice(0, MAX_TAGS);
  if (kept.length === unique.length) return { tags: kept, warnings: [] };
  const reasons = [
    ...(fitting.length < unique.length ? [`${unique.length - fitting.length} longer than ${MAX_TAG_LENGTH} characters`] : []),
    ...(fitting.length > MAX_TAGS ? [`${fitting.length - MAX_TAGS} past the first ${MAX_TAGS}`] : []),
  ];
  return { tags: kept, warnings: [{ line, message: `tags: ${unique.length - kept.length} of ${unique.length} tags were dropped (${reasons.join(', ')}); an article keeps at most ${MAX_TAGS} tags of up to ${MAX_TAG_LENGTH} characters.` }] };
}
