import { createHmac, timingSafeEqual } from 'node:crypto';
import { BroadsheetError } from '../errors.js';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: number;
  /** undefined: never expires (unsubscribe and preferences links in old mails must keep working). */
  expiresAt: Date | undefined;
}

/**
 * `<payload>.<signature>`, both base64url: the payload names the purpose, the subscriber and the expiry,
 * and HMAC-SHA256 with the secret (BROADSHEET_SECRET) signs it, so a link cannot be forged or pointed at
 * another subscriber, and a confirmation token cannot unsubscribe.
 */
export function signToken(claims: TokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify([claims.purpose, claims.subscriberId, claims.expiresAt === undefined ? 0 : Math.floor(claims.expiresAt.getTime() / 1000)])).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifyToken(token: string, purpose: TokenPurpose, secret: string, now: Date): TokenClaims {
  const invalid = (why: string) =>
    new BroadsheetError('TOKEN_INVALID', `this link is not valid (${why}).`, { field: 'token', hint: 'Use the newest link you received, or subscribe again.' });
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) throw invalid('malformed');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature');
  const [tokenPurpose, subscriberId, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, number, number];
  if (tokenPurpose !== purpose) throw invalid('made for something else');
  if (expires !== 0 && expires * 1000 < now.getTime()) throw invalid('expired');
  return { purpose, subscriberId, expiresAt: expires === 0 ? undefined : new Date(expires * 1000) };
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
