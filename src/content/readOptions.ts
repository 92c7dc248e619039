import type { ContentConfig, ResolvedConfig } from '../config/resolvedConfig.js';
import { DEFAULT_EXCERPT_SEPARATOR, DEFAULT_TAXONOMIES } from '../config/contentDefaults.js';
import { DEFAULT_FIELD_KEYS } from '../config/resolvedConfig.js';

/** What reading a file depends on besides its bytes: the content cache is kept for one such set (see cacheScope). */
export interface ReadOptions extends ContentConfig {
  /** The zone of dates written without one (`site.timezone`). */
  timeZone: string;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = Object.freeze({
  timeZone: 'UTC',
  taxonomies: DEFAULT_TAXONOMIES,
  fields: DEFAULT_FIELD_KEYS,
  excerptSeparator: DEFAULT_EXCERPT_SEPARATOR,
});

export function readOptionsOf(config: Pick<ResolvedConfig, 'site' | 'content'>): ReadOptions {
  return { ...config.content, timeZone: config.site.timezone };
}
