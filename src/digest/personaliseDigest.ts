import { escapeHtml } from '../article/html.js';

/** Stands in the rendered digest for each subscriber's unsubscribe URL; no article can contain it. */
export const UNSUBSCRIBE_PLACEHOLDER = 'https://unsubscribe.invalid/%%BROADSHEET_UNSUBSCRIBE%%';

export interface Recipient {
  unsubscribeUrl: string;
}

/** One subscriber's copy: a string replacement, so 10,000 subscribers cost one MJML render. */
export function personaliseDigest(digest: { html: string; text: string }, recipient: Recipient): { html: string; text: string } {
  return {
    html: digest.html.replaceAll(escapeHtml(UNSUBSCRIBE_PLACEHOLDER), escapeHtml(recipient.unsubscribeUrl)),
    text: digest.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, recipient.unsubscribeUrl),
  };
}
