import { createVerify, X509Certificate } from 'node:crypto';
import * as v from 'valibot';

export const snsMessage = v.looseObject({
  Type: v.picklist(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: v.string(),
  TopicArn: v.string(),
  Message: v.string(),
  Timestamp: v.string(),
  SignatureVersion: v.picklist(['1', '2']),
  Signature: v.string(),
  SigningCertURL: v.string(),
  Subject: v.optional(v.string()),
  Token: v.optional(v.string()),
  SubscribeURL: v.optional(v.string()),
});

export type SnsMessage = v.InferOutput<typeof snsMessage>;

/** Gets a URL's body: over HTTPS to Amazon in production; tests pass one that reaches their own server. */
export type Fetcher = (url: URL) => Promise<string>;

/** Only Amazon SNS's own hosts serve signing certificates and subscription links. */
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export function isSnsUrl(text: string | undefined): URL | undefined {
  const url = URL.parse(text ?? '');
  return url !== null && url.protocol === 'https:' && url.port === '' && SNS_HOST.test(url.hostname) ? url : undefined;
}

/**
 * Verifies an SNS message as AWS documents it (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html):
 * the signing certificate comes from an HTTPS URL on an SNS host (never from anywhere the message says),
 * and signs the canonical `Name\nvalue\n` string of the message's fields with SHA1 (version 1) or SHA256 (2).
 */
export async function verifySnsMessage(message: SnsMessage, fetcher: Fetcher, certificates: Map<string, Promise<string>>): Promise<string | undefined> {
  const certUrl = isSnsUrl(message.SigningCertURL);
  if (certUrl === undefined || !certUrl.pathname.endsWith('.pem')) return 'the signing certificate is not on an amazonaws.com SNS host';
  let pem = certificates.get(certUrl.href);
  if (pem === undefined) {
    pem = fetcher(certUrl);
    certificates.set(certUrl.href, pem);
    pem.catch(() => certificates.delete(certUrl.href));
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(await pem);
  } catch (error) {
    return `cannot get the signing certificate (${error instanceof Error ? error.message : String(error)})`;
  }
  const now = Date.now();
  if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) return 'the signing certificate has expired';
  const verifier = createVerify(message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(stringToSign(message));
  return verifier.verify(certificate.publicKey, message.Signature, 'base64') ? undefined : 'wrong signature';
}

function stringToSign(m: SnsMessage): string {
  const fields: [string, string | undefined][] =
    m.Type === 'Notification'
      ? [['Message', m.Message], ['MessageId', m.MessageId], ['Subject', m.Subject], ['Timestamp', m.Timestamp], ['TopicArn', m.TopicArn], ['Type', m.Type]]
      : [['Message', m.Message], ['MessageId', m.MessageId], ['SubscribeURL', m.SubscribeURL], ['Timestamp', m.Timestamp], ['Token', m.Token], ['TopicArn', m.TopicArn], ['Type', m.Type]];
  return fields.filter((f): f is [string, string] => f[1] !== undefined).map(([name, value]) => `${name}\n${value}\n`).join('');
}
