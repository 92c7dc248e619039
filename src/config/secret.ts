import { BroadsheetError } from '../errors.js';
import type { ResolvedConfig } from './resolvedConfig.js';

/**
 * HMAC-SHA256 tokens are only as strong as their key: a 3-character BROADSHEET_SECRET was recovered from one
 * unsubscribe token in 73 ms, after which every token can be forged. 32 characters of `openssl rand -hex 32`
 * are 128 bits and more.
 */
export const MIN_SECRET_LENGTH = 32;

/**
 * For the commands that sign or check tokens (digest send, subscribers add, serve, start, inbound read):
 * refuses a BROADSHEET_SECRET that is set but short. An unset one is each command's own matter (serve then
 * takes no subscriptions, digest send refuses).
 */
export function checkSecretStrength(config: Pick<ResolvedConfig, 'secret'>): void {
  const length = config.secret === undefined ? undefined : [...config.secret].length;
  if (length === undefined || length >= MIN_SECRET_LENGTH) return;
  throw new BroadsheetError('CONFIG_INVALID', `is ${length} character${length === 1 ? '' : 's'} long; it must have at least ${MIN_SECRET_LENGTH}, or its tokens can be forged.`, {
    field: 'BROADSHEET_SECRET',
    hint: 'Make one with `openssl rand -hex 32`.',
  });
}

/**
 * The secret of work that cannot do without one (a digest, a confirmation link): an unset one is refused,
 * saying what it is `usedFor`. Its strength was checked as the command started (checkSecretStrength).
 */
export function requiredSecret(config: Pick<ResolvedConfig, 'secret'>, usedFor: string): string {
  if (config.secret !== undefined) return config.secret;
  throw new BroadsheetError('CONFIG_INVALID', 'is not set.', {
    field: 'BROADSHEET_SECRET',
    hint: `Set it to a long random string (\`openssl rand -hex 32\`) and keep it: ${usedFor}.`,
  });
}
