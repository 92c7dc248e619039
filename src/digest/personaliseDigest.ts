import { escapeHtml } from '../article/html.js';

/** Stands in the rendered digest for each subscriber's unsubscribe URL; no article can contain it. */
export const UNSUBSCRIBE_PLACEHOLDER = 'https://unsubscribe.invalid/%%BROADSHEET_UNSUBSCRIBE%%';
/** Stands in for each subscriber's preferences page URL ("Manage your subscription"). */
export const PREFERENCES_PLACEHOLDER = 'https://preferences.invalid/%%BROADSHEET_PREFERENCES%%';
/** Stand in for `subscriber.name` and `subscriber.firstName`: no HTML escaping or MJML changes them. */
export const NAME_PLACEHOLDER = '%%BROADSHEET_SUBSCRIBER_NAME%%';
export const FIRST_NAME_PLACEHOLDER = '%%BROADSHEET_SUBSCRIBER_FIRST_NAME%%';

/** What the templates see of the subscriber; each part is replaced per copy. */
export const SUBSCRIBER_VIEW = { name: NAME_PLACEHOLDER, firstName: FIRST_NAME_PLACEHOLDER };

export interface Recipient {
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** Empty when the subscriber's list had no name for them. */
  name: string;
  firstName: string;
}

/** One subscriber's copy: string replacements, so 10,000 subscribers cost one MJML render. */
export function personaliseDigest(digest: { html: string; text: string }, recipient: Recipient): { html: string; text: string } {
  const fill = (body: string, escape: (value: string) => string) =>
    body
      .replaceAll(escape(UNSUBSCRIBE_PLACEHOLDER), escape(recipient.unsubscribeUrl))
      .replaceAll(escape(PREFERENCES_PLACEHOLDER), escape(recipient.preferencesUrl))
      .replaceAll(NAME_PLACEHOLDER, escape(recipient.name))
      .replaceAll(FIRST_NAME_PLACEHOLDER, escape(recipient.firstName));
  return { html: fill(digest.html, escapeHtml), text: fill(digest.text, (value) => value) };
}
