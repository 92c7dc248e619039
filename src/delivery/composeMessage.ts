import { randomUUID } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** https URL that unsubscribes with one POST (RFC 8058) and shows a confirm page on GET. */
  unsubscribeUrl: string;
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

/** A mail to one person that is not a digest: a confirmation link, a report to the publisher. */
export interface OneToOneMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  date: Date;
  /** Names the Message-ID, `<confirm-…@domain>`, `<report-…@domain>`: a new one each time. */
  kind: 'confirm' | 'report';
  headers?: Record<string, string>;
}

/**
 * The one place a mail's headers are decided: From and Reply-To from the config, one-line header values,
 * a Message-ID at the From domain. Digests add the list headers (composeMessage).
 */
export function composeMail(message: OneToOneMessage, email: ResolvedConfig['email']): Mail.Options {
  return {
    ...commonHeaders(message, email),
    messageId: `<${message.kind}-${randomUUID()}@${fromDomain(email)}>`,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.headers === undefined ? {} : { headers: message.headers }),
  };
}

function commonHeaders(message: { to: string; subject: string; date: Date; text: string }, email: ResolvedConfig['email']) {
  return {
    from: { name: headerValue(email.from.name), address: email.from.address },
    to: message.to,
    ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
    subject: headerValue(message.subject),
    date: message.date,
    text: message.text,
  };
}

function fromDomain(email: ResolvedConfig['email']): string {
  return email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
}

/**
 * A digest's copy for one subscriber: the common headers, and `List-Unsubscribe` with the https link and a
 * mailto; `List-Unsubscribe-Post` is only promised for an https link, as RFC 8058 section 3.1 requires.
 */
export function composeMessage(message: OutgoingMessage, email: ResolvedConfig['email'], listId: string): Mail.Options {
  const common = commonHeaders(message, email);
  const oneClick = message.unsubscribeUrl.startsWith('https://');
  return {
    ...common,
    messageId: message.messageId,
    html: message.html,
    list: { id: { url: listId, comment: common.from.name } },
    // The envelope sender becomes the Return-Path: bounces come back to an address that names the message.
    ...(message.verp === undefined ? {} : { envelope: { from: message.verp.bounce, to: message.to } }),
    headers: {
      // One header holding both URIs (RFC 2369); nodemailer's `list.unsubscribe` would write two.
      'List-Unsubscribe': `<${headerValue(message.unsubscribeUrl)}>, <mailto:${message.verp?.unsubscribe ?? common.from.address}?subject=unsubscribe>`,
      ...(oneClick ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
}

/** `<digest-3.subscriber-17@example.org>`: unique per message, the same on a retry. */
export function messageIdFor(digestNumber: number, subscriberId: number, email: ResolvedConfig['email']): string {
  return `<digest-${digestNumber}.subscriber-${subscriberId}@${fromDomain(email)}>`;
}

/** RFC 2919 list identifier: a host-like name under the site's domain, e.g. `digest.news.example.org`. */
export function listIdFor(siteUrl: string): string {
  return `digest.${new URL(siteUrl).hostname}`;
}
