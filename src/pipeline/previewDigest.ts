import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMessage, listIdFor, messageIdFor } from '../delivery/composeMessage.js';
import { renderRawMessage } from '../delivery/rawMessage.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { BroadsheetError } from '../errors.js';
import { verpEnvelope } from '../inbound/verp.js';
import type { Db } from '../store/database.js';
import { selectArticles } from '../digest/selectArticles.js';
import { digestHistory, findDigest, nextDigestNumber } from '../store/digestLog.js';
import { signToken } from '../subscribers/tokens.js';
import { openDigestSource, preferencesPageUrl, unsubscribePageUrl } from './prepareDigest.js';

/** Who the preview is addressed to; id 0 is never a real subscriber's. */
const SAMPLE_READER = { id: 0, address: 'Sample Reader <reader@example.org>', name: 'Sample Reader', firstName: 'Sample' };
const PREVIEW_SECRET = 'preview-only-not-a-secret';

export interface DigestPreview {
  number: number;
  /**
   * `next`: the digest the next send would mail; `newest`: everything was sent already, so the newest
   * articles, as a first digest takes them; `sent`: a digest of the log, as it was sent.
   */
  basis: 'next' | 'newest' | 'sent';
  subject: string;
  articleCount: number;
  html: string;
  text: string;
  /** The complete message, as it would be sent to the sample reader. */
  message: () => Promise<Buffer>;
}

/**
 * A digest as a sample subscriber gets it: with `number`, that digest of the log as it was sent; else the
 * next one after what the log says was sent, or when nothing is new the newest articles. Undefined only
 * when there is no article at all. Changes no state.
 */
export async function previewDigest(config: ResolvedConfig, db: Db, now: Date, displayRoot: string, options: { number?: number | undefined } = {}): Promise<DigestPreview | undefined> {
  if (options.number !== undefined) {
    const sent = findDigest(db, options.number);
    if (sent === undefined) {
      throw new BroadsheetError('INPUT_INVALID', `there is no digest ${options.number} in the digest log.`, { field: '--number', hint: '`broadsheet digest stats` lists the digests sent.' });
    }
    return sampleCopy(config, { number: sent.number, basis: 'sent', subject: sent.subject, articleCount: sent.articleCount, html: sent.html, text: sent.text, date: sent.sentAt ?? sent.createdAt });
  }
  const number = nextDigestNumber(db);
  // The sample reader reads every article and has had every digest: the next one is what is new to everyone.
  const source = await openDigestSource({ config, now, displayRoot });
  const next = selectArticles(source.catalogue, [], digestHistory(db), config.digest);
  const prepared = next.kind === 'digest' || number === 1 ? { basis: 'next' as const, selection: next } : { basis: 'newest' as const, selection: selectArticles(source.catalogue, [], new Map(), config.digest) };
  if (prepared.selection.kind === 'nothing-new') return undefined;
  const [digest] = await source.render(number, [prepared.selection]);
  if (digest === undefined) return undefined;
  return sampleCopy(config, { number, basis: prepared.basis, subject: digest.subject, articleCount: digest.articleIds.length, html: digest.html, text: digest.text, date: now });
}

/** The digest personalised for the sample reader, with the message as it would leave. */
function sampleCopy(config: ResolvedConfig, digest: Omit<DigestPreview, 'message'> & { date: Date }): DigestPreview {
  const { number, date, ...shown } = digest;
  const secret = config.secret ?? PREVIEW_SECRET;
  const token = signToken({ purpose: 'unsubscribe', subscriberId: SAMPLE_READER.id, expiresAt: undefined }, secret);
  const unsubscribeUrl = unsubscribePageUrl(config, token);
  const preferencesUrl = preferencesPageUrl(config, signToken({ purpose: 'preferences', subscriberId: SAMPLE_READER.id, expiresAt: undefined }, secret));
  const personal = personaliseDigest(digest, { unsubscribeUrl, preferencesUrl, name: SAMPLE_READER.name, firstName: SAMPLE_READER.firstName });
  const message = composeMessage(
    { to: SAMPLE_READER.address, subject: digest.subject, ...personal, unsubscribeUrl, messageId: messageIdFor(number, SAMPLE_READER.id, config.email), date, verp: verpEnvelope(config.email.bounceAddress, secret, { digestNumber: number, subscriberId: SAMPLE_READER.id }) },
    config.email,
    listIdFor(config.site.url),
  );
  return { ...shown, number, ...personal, message: () => renderRawMessage(message, config.email) };
}
