/** Headers, lower-case names, first value of each. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * An automatic answer from a person's mailbox ("out of office", vacation, ticket receipts): RFC 3834's
 * Auto-Submitted, the X-Autoreply / X-Autorespond headers Exim, cPanel and others add, Precedence
 * auto_reply, and the subjects Outlook, Gmail and Exchange give them. Checked after bounces and
 * feedback reports, which also carry Auto-Submitted.
 */
export function isAutoReply(header: HeaderLookup, subject: string): boolean {
  const autoSubmitted = header('auto-submitted')?.toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true;
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined || header('x-autoresponder') !== undefined) return true;
  if (/auto[_-]?reply/i.test(header('precedence') ?? '')) return true;
  return /^\s*(auto(matic)?[ -]?(reply|response|answer)|out of (the )?office|abwesenheit|r[ée]ponse automatique|auto:)/i.test(subject);
}
