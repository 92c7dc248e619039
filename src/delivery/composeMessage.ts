import type Mail from 'nodemailer/lib/mailer/index.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * https URL that unsubscribes with one POST (RFC 8058) and shows a confirm page on GET; undefined for a mail
   * that is not list mail (a confirmation request: the address is not on the list yet).
   */
  unsubscribeUrl: string | undefined;
  /** Stable per (digest, subscriber), so a retried send carries the same Message-ID. */
  messageId: string;
  date: Date;
  /** Signed envelope addresses when email.bounceAddress is set: the envelope sender and the List-Unsubscribe mailto. */
  verp?: { bounce: string; unsubscribe: string } | undefined;
}

/** Header values are one line: CR and LF would start a new header (header injection). */
export function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * The one place a mail's headers are decided, for digests and confirmations alike. `List-Unsubscribe` carries
 * the https link and a mailto; `List-Unsubscribe-Post` is only promised for an https link, as RFC 8058
 * section 3.1 requires. A confirmation request has neither an unsubscribe link nor a list id: it is not list mail.
 */
export function composeMessage(message: OutgoingMessage, email: ResolvedConfig['email'], listId?: string): Mail.Options {
  const from = { name: headerValue(email.from.name), address: email.from.address };
  const base = {
    from,
    to: message.to,
    ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
    subject: headerValue(message.subject),
    date: message.date,
    messageId: message.messageId,
    text: message.text,
    html: message.html,
  };
  if (message.unsubscribeUrl === undefined || listId === undefined) return base;
  const oneClick = message.unsubscribeUrl.startsWith('https://');
  return {
    ...base,
    list: { id: { url: listId, comment: from.name } },
    // The envelope sender becomes the Return-Path: bounces come back to an address that names the message.
    ...(message.verp === undefined ? {} : { envelope: { from: message.verp.bounce, to: message.to } }),
    headers: {
      // One header holding both URIs (RFC 2369); nodemailer's `list.unsubscribe` would write two.
      'List-Unsubscribe': `<${headerValue(message.unsubscribeUrl)}>, <mailto:${message.verp?.unsubscribe ?? from.address}?subject=unsubscribe>`,
      ...(oneClick ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
}

/** `<digest-3.subscriber-17@example.org>`: unique per message, the same on a retry. */
export function messageIdFor(digestNumber: number, subscriberId: number, email: ResolvedConfig['email']): string {
  const domain = email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
  return `<digest-${digestNumber}.subscriber-${subscriberId}@${domain}>`;
}

/** RFC 2919 list identifier: a host-like name under the site's domain, e.g. `digest.news.example.org`. */
export function listIdFor(siteUrl: string): string {
  return `digest.${new URL(siteUrl).hostname}`;
}
