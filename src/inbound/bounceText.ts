import type { DeliveryReport } from './deliveryReport.js';
import { diagnosticText, failureKind } from './deliveryReport.js';
import type { HeaderLookup } from './autoReply.js';

type TextBounce = Pick<DeliveryReport, 'kind' | 'recipient' | 'diagnostic'>;

const FROM_MAIL_SYSTEM = /mailer-daemon|postmaster|mail delivery (system|subsystem)|mail-daemon/i;
const BOUNCE_SUBJECT = /undeliver|returned mail|delivery (status notification|failure|has failed|failed)|failure notice|mail delivery failed|could not be delivered|delayed mail|delivery delayed|warning: message .* delayed/i;
const DELAY_WORDS = /has not yet been delivered|not been delivered yet|delivery (is|has been) delayed|will (continue to )?retry|still trying|delayed mail|message .* delayed/i;

/** MAILER-DAEMON, postmaster: whose mails carry Auto-Submitted too, but are bounces, not replies. */
export function fromMailSystem(header: HeaderLookup): boolean {
  return FROM_MAIL_SYSTEM.test(header('from') ?? '');
}

/**
 * A bounce written for people instead of RFC 3464 (Exim's and qmail's classic texts, old Exchange NDRs):
 * recognised by its sender or subject, classified by the first RFC 3463 status in it, or by the words
 * ("user unknown", "mailbox full"). The recipient is Exim's X-Failed-Recipients, else the first address in
 * the text that is not ours.
 */
export function readBounceText(header: HeaderLookup, subject: string, text: string, ownDomain: string | undefined): TextBounce | undefined {
  if (!fromMailSystem(header) && !BOUNCE_SUBJECT.test(subject)) return undefined;
  const status = /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(text)?.[0];
  const failed = status !== undefined || /\b[45]\d\d[ -]|user unknown|no such (user|mailbox)|does not exist|mailbox (is )?full|quota|permanent error|retry time(out)? (not reached|exceeded)/i.test(text);
  const delayed = DELAY_WORDS.test(`${subject}\n${text}`) && !/permanent(ly)? (error|failed)|giving up|retry time(out)? exceeded/i.test(text);
  if (!failed && !delayed) return undefined;
  const recipient = header('x-failed-recipients')?.split(',')[0]?.trim() ?? [...text.matchAll(/<?([\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+)>?/g)]
    .map((m) => m[1] as string)
    .find((address) => ownDomain === undefined || !address.toLowerCase().endsWith(`@${ownDomain}`));
  const line = (status === undefined ? undefined : text.split(/\r?\n/).find((l) => l.includes(status))) ?? text.split(/\r?\n/).find((l) => /\b[45]\d\d\b/.test(l)) ?? subject;
  return { kind: delayed ? 'delayed' : failureKind(status, text), recipient, diagnostic: diagnosticText(line) };
}
