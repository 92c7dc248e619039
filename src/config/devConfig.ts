import { join } from 'node:path';
import type { ResolvedConfig } from './resolvedConfig.js';

/** The folder in the state folder that `dev` keeps its own out/, state database and inbox in. */
export function devStateDir(config: ResolvedConfig): string {
  return join(config.paths.stateDir, 'dev');
}

/**
 * The config `broadsheet dev` builds and serves with, as `hugo server` does: the site at the local address
 * (so every link, image, form and mail link points at it), its own out folder and state (the real
 * subscribers and digest log are never touched), drafts and future articles shown, and no way to real
 * mail: no SMTP server, no DKIM key, and a secret of its own (`secret`, kept in the dev state folder).
 */
export function devConfig(config: ResolvedConfig, localUrl: string, secret: string): ResolvedConfig {
  const dir = devStateDir(config);
  return Object.freeze({
    ...config,
    site: Object.freeze({ ...config.site, url: localUrl }),
    paths: Object.freeze({ ...config.paths, out: join(dir, 'out'), stateDir: dir }),
    email: Object.freeze({ ...config.email, smtpUrl: undefined, dkim: undefined, reportTo: undefined }),
    secret,
    showUnpublished: true,
  });
}
