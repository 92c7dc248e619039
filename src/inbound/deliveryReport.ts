import type { VerpId } from './verp.js';

/**
 * What a report says happened to one message. `delayed` is a warning that the relay still retries: it is
 * recorded but counts as nothing, since the same message may still be delivered or fail later.
 */
export type ReportKind = 'hard-bounce' | 'soft-bounce' | 'delayed' | 'complaint' | 'unsubscribe';
export const REPORT_KINDS: readonly ReportKind[] = ['hard-bounce', 'soft-bounce', 'delayed', 'complaint', 'unsubscribe'];

/** How it came: a mail to the bounce domain, a relay's webhook, or broadsheet's own delivery giving up. */
export type ReportSource = 'mail' | 'ses' | 'postmark' | 'mailgun' | 'sendgrid' | 'delivery';

/** One report about one recipient, parsed from untrusted input, not yet matched to a subscriber. */
export interface DeliveryReport {
  kind: ReportKind;
  source: ReportSource;
  /** The outbox row, from a signed envelope address: the surest way to know whom a report is about. */
  verp: VerpId | undefined;
  /** The recipient address as the report gives it, for reports without a signed address. */
  recipient: string | undefined;
  /** Our Message-ID of the original message when the report quotes it (`<digest-3.subscriber-17@…>`). */
  messageId: string | undefined;
  /** The reporter's own words (an SMTP answer, a feedback type), kept as received, cut to a few hundred characters. */
  diagnostic: string;
  /** The report's identity at its source (a provider's event id, a report mail's Message-ID): one report, one key. */
  reportId: string;
}

/** What an inbound mail turned out to be. */
export type MailVerdict =
  | { kind: 'reports'; reports: DeliveryReport[] }
  | { kind: 'ignored'; reason: 'auto-reply' | 'forged' | 'unrecognised' | 'no-failure' };

const MAX_DIAGNOSTIC = 500;

export function diagnosticText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DIAGNOSTIC ? `${line.slice(0, MAX_DIAGNOSTIC - 1)}…` : line;
}

/**
 * Hard or soft from an RFC 3463 status (`5.1.1`) and the words around it. A full mailbox (X.2.2, "quota")
 * is temporary however the server coded it: people empty their mailboxes, and RFC 3463 calls it so.
 */
export function failureKind(status: string | undefined, words: string): 'hard-bounce' | 'soft-bounce' {
  if (/\b[45]\.2\.2\b|mailbox (is )?full|over ?quota|quota exceeded|insufficient (system )?storage|mailbox size limit/i.test(`${status ?? ''} ${words}`)) return 'soft-bounce';
  if (status !== undefined) return status.startsWith('5') ? 'hard-bounce' : 'soft-bounce';
  return /\b5\d\d\b|user unknown|unknown user|no such (user|mailbox)|does not exist|address rejected|invalid recipient|mailbox unavailable|permanent error/i.test(words) ? 'hard-bounce' : 'soft-bounce';
}
