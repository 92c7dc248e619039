import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { resolveCallback } from '../delivery/callbackAddress.js';
import { deliverContent, verifyIntent } from '../delivery/websubCallbacks.js';
import { errorCode } from '../io/systemErrors.js';
import type { Logger } from '../log/logger.js';
import { WebSubHub } from '../pipeline/websubHub.js';
import type { Db } from '../store/database.js';
import { WebSubSubscriptions } from '../store/websubSubscriptions.js';

/** The built-in WebSub hub over the state database, reaching callbacks by HTTP, delivering the feeds of out/. */
export function builtInHub(config: ResolvedConfig, db: Db, logger: Logger, now: () => Date): WebSubHub {
  const readOut = (path: string) =>
    readFile(join(config.paths.out, path)).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
  return new WebSubHub({
    site: config.site,
    allowPrivateCallbacks: config.feeds.websub.allowPrivateCallbacks,
    state: new WebSubSubscriptions(db, now),
    callbacks: { resolve: resolveCallback, verify: verifyIntent, deliver: deliverContent },
    readOut,
    logger,
  });
}
