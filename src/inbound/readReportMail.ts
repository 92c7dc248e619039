import { createHash } from 'node:crypto';
import type { Attachment, ParsedMail } from 'mailparser';
import type { HeaderLookup } from './autoReply.js';
import { isAutoReply } from './autoReply.js';
import { fromMailSystem, readBounceText } from './bounceText.js';
import type { DeliveryReport, MailVerdict } from './deliveryReport.js';
import { diagnosticText } from './deliveryReport.js';
import { readDeliveryStatus } from './deliveryStatus.js';
import { readFeedbackReport } from './feedbackReport.js';
import { ourMessageId } from './reportFields.js';
import type { VerpAddresses, VerpId, VerpMatch } from './verp.js';

export interface InboundMail {
  raw: Buffer;
  /** RCPT TO of the SMTP session; empty for a mail read from a folder, whose headers then say. */
  envelopeTo: readonly string[];
}

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);

/**
 * What a mail to the bounce domain says, in this order: a mail to a signed `unsubscribe+` address
 * unsubscribes whatever it holds; a feedback report (RFC 5965) is a complaint; a delivery status
 * notification (RFC 3464) lists failed and delayed recipients; an automatic reply from a person's mailbox
 * is ignored; a bounce written as plain text is read for its status. Whom it is about comes from a signed address on the
 * envelope or in the returned message, else from the address the report names. A signed address that
 * does not verify makes the whole mail ignored: someone made it up.
 */
export async function readReportMail(mail: InboundMail, verp: VerpAddresses | undefined): Promise<MailVerdict> {
  // Loaded at the first mail (it brings nodemailer's MIME code): `help` and `serve` never pay for it.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(mail.raw, { keepDeliveryStatus: true, skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const header = headerLookup(parsed);
  const subject = parsed.subject ?? '';
  const reportId = parsed.messageId ?? `sha256:${createHash('sha256').update(mail.raw).digest('hex')}`;
  const recipients = mail.envelopeTo.length > 0 ? mail.envelopeTo.join(' ') : ['delivered-to', 'x-original-to', 'envelope-to', 'to'].map(header).join(' ');

  const onEnvelope = verp?.find(recipients) ?? [];
  const unsubscribe = verified(onEnvelope).find((m) => m.purpose === 'unsubscribe');
  if (unsubscribe !== undefined) {
    return reports([{ kind: 'unsubscribe', source: 'mail', verp: unsubscribe.id, recipient: undefined, messageId: undefined, diagnostic: diagnosticText(`mail to the List-Unsubscribe address: ${subject}`), reportId }]);
  }
  if (onEnvelope.length > 0 && verified(onEnvelope).length === 0) return { kind: 'ignored', reason: 'forged' };

  const part = (types: Set<string>): Attachment | undefined => parsed.attachments.find((a) => types.has(a.contentType.toLowerCase()));
  const original = part(ORIGINAL_TYPES)?.content.toString('utf8') ?? '';
  const text = parsed.text ?? '';
  let id: VerpId | undefined = verified(onEnvelope)[0]?.id;
  if (id === undefined && verp !== undefined) {
    const quoted = verp.find(`${original}\n${text}`);
    if (quoted.length > 0 && verified(quoted).length === 0) return { kind: 'ignored', reason: 'forged' };
    id = verified(quoted)[0]?.id;
  }
  const base = { source: 'mail' as const, verp: id, messageId: ourMessageId(`${original}\n${text}`) };

  const feedback = parsed.attachments.find((a) => a.contentType.toLowerCase() === 'message/feedback-report');
  if (feedback !== undefined) {
    const arf = readFeedbackReport(feedback.content.toString('utf8'));
    if (!arf.complaint) return { kind: 'ignored', reason: 'no-failure' };
    const fromMailFrom = arf.originalMailFrom === undefined ? undefined : verified(verp?.find(arf.originalMailFrom) ?? [])[0]?.id;
    // Microsoft's JMRP redacts Original-Rcpt-To and names the reader in a header of the returned message.
    const recipient = arf.recipient ?? /^X-HmXmrOriginalRecipient:\s*<?([^>\s]+)>?/im.exec(original)?.[1] ?? /^To:\s*(?:.*<)?([^<>\s]+@[^<>\s]+)>?/im.exec(original)?.[1];
    return reports([{ ...base, verp: base.verp ?? fromMailFrom, kind: 'complaint', recipient, diagnostic: diagnosticText(`feedback-type ${arf.feedbackType}; ${header('user-agent') ?? parsed.from?.text ?? ''}`), reportId }]);
  }

  const status = part(STATUS_TYPES);
  if (status !== undefined) {
    const failed = readDeliveryStatus(status.content.toString('utf8'));
    if (failed.length === 0) return { kind: 'ignored', reason: 'no-failure' };
    return reports(failed.map((r, i) => ({ ...base, ...r, reportId: `${reportId}#${i}` })));
  }

  if (isAutoReply(header, subject) && !fromMailSystem(header)) return { kind: 'ignored', reason: 'auto-reply' };
  const bounce = readBounceText(header, subject, text, verp?.domain);
  return bounce === undefined ? { kind: 'ignored', reason: 'unrecognised' } : reports([{ ...base, ...bounce, reportId }]);
}

function reports(list: DeliveryReport[]): MailVerdict {
  return { kind: 'reports', reports: list };
}

function verified(matches: readonly VerpMatch[]): Extract<VerpMatch, { purpose: unknown }>[] {
  return matches.filter((m): m is Extract<VerpMatch, { purpose: unknown }> => 'purpose' in m);
}

/** A header as text whatever mailparser made of it (a string, an address list, a structured value, a list). */
function headerLookup(parsed: ParsedMail): HeaderLookup {
  return (name) => {
    const value: unknown = parsed.headers.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (typeof value === 'object' && 'text' in value) return String(value.text);
    if (typeof value === 'object' && 'value' in value) return String(value.value);
    return String(value);
  };
}
