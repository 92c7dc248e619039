import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMessage, listIdFor, messageIdFor } from '../delivery/composeMessage.js';
import { renderRawMessage } from '../delivery/rawMessage.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { verpEnvelope } from '../inbound/verp.js';
import type { Db } from '../store/database.js';
import { digestHistory, nextDigestNumber } from '../store/digestLog.js';
import { signToken } from '../subscribers/tokens.js';
import { prepareDigest, unsubscribePageUrl } from './prepareDigest.js';

/** Who the preview is addressed to; id 0 is never a real subscriber's. */
const SAMPLE_READER = { id: 0, address: 'Sample Reader <reader@example.org>', name: 'Sample Reader', firstName: 'Sample' };
const PREVIEW_SECRET = 'preview-only-not-a-secret';

export interface DigestPreview {
  subject: string;
  articleCount: number;
  html: string;
  text: string;
  /** The complete message, as it would be sent to the sample reader. */
  message: () => Promise<Buffer>;
}

/**
 * The next digest as a sample subscriber would get it now, after what the digest log (when there is one)
 * says was sent; undefined when nothing is new. Changes no state.
 */
export async function previewDigest(config: ResolvedConfig, db: Db | undefined, now: Date, displayRoot: string): Promise<DigestPreview | undefined> {
  const history = db === undefined ? { sentArticleIds: new Set<string>(), oldestSentPublished: undefined } : digestHistory(db);
  const number = db === undefined ? 1 : nextDigestNumber(db);
  const prepared = await prepareDigest({ config, history, number, now, displayRoot });
  if (prepared.kind === 'nothing-new') return undefined;
  const secret = config.secret ?? PREVIEW_SECRET;
  const token = signToken({ purpose: 'unsubscribe', subscriberId: SAMPLE_READER.id, expiresAt: undefined }, secret);
  const unsubscribeUrl = unsubscribePageUrl(config, token);
  const personal = personaliseDigest(prepared.digest, { unsubscribeUrl, name: SAMPLE_READER.name, firstName: SAMPLE_READER.firstName });
  const message = composeMessage(
    { to: SAMPLE_READER.address, subject: prepared.digest.subject, ...personal, unsubscribeUrl, messageId: messageIdFor(number, SAMPLE_READER.id, config.email), date: now, verp: verpEnvelope(config.email.bounceAddress, secret, { digestNumber: number, subscriberId: SAMPLE_READER.id }) },
    config.email,
    listIdFor(config.site.url),
  );
  return { subject: prepared.digest.subject, articleCount: prepared.digest.articleIds.length, ...personal, message: () => renderRawMessage(message, config.email) };
}
