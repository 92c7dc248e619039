import type { ResolvedConfig, SiteConfig } from '../config/resolvedConfig.js';

/** Where `start` takes WebSub subscriptions when it is the hub of its feeds (feeds.websub.builtIn). */
export const BUILT_IN_HUB_PATH = '/websub';

/** The built-in hub's public URL, under site.url as every other link: what readers are told to subscribe at. */
export function builtInHubUrl(site: SiteConfig): string {
  return new URL(BUILT_IN_HUB_PATH.slice(1), site.url).href;
}

/** The hubs every subscription feed names: the configured ones, and the built-in one when it is on. */
export function advertisedHubs(config: Pick<ResolvedConfig, 'site' | 'feeds'>): string[] {
  const { hubs, builtIn } = config.feeds.websub;
  return builtIn ? [...hubs, builtInHubUrl(config.site)] : [...hubs];
}
