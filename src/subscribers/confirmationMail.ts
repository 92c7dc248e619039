import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { createTemplating } from '../templating/compileTemplate.js';
import { loadMessages } from '../templating/messages.js';
import type { TemplateFolder } from '../templating/templateFolder.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The double opt-in mail for one confirmation link, with the link to the subscriber's preferences page. */
export type ConfirmationMail = (confirmUrl: string, validDays: number, preferencesUrl: string) => MailContent;

/**
 * templates/confirmation.html and confirmation.txt (the site's own or the built-in ones), subject from the
 * message `confirmation.subject`: short, one link, and says what happens if it is ignored.
 */
export async function loadConfirmationMail(folder: TemplateFolder, site: ResolvedConfig['site']): Promise<ConfirmationMail> {
  const templating = createTemplating(folder, await loadMessages(folder, site.language));
  const html = await templating.compile('confirmation.html');
  const text = await templating.compile('confirmation.txt', { plainText: true });
  return (confirmUrl, validDays, preferencesUrl) => {
    const view = { site, confirmUrl, validDays, preferencesUrl, subject: templating.messages.text('confirmation.subject', { site: site.title }) };
    return { subject: view.subject, html: html(view), text: `${text(view).trim()}\n` };
  };
}
