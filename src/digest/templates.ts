import type { Template } from '../templating/compileTemplate.js';
import { createTemplating } from '../templating/compileTemplate.js';
import type { Messages } from '../templating/messages.js';
import { loadMessages } from '../templating/messages.js';
import type { TemplateFolder } from '../templating/templateFolder.js';
import { findTemplate } from '../templating/templateFolder.js';

export interface DigestTemplates {
  /** digest.mjml filled with a view: MJML, ready to render. */
  mjml: Template;
  /** digest.txt filled with a view: the plain-text part. */
  text: Template;
  /** Path of digest.mjml, for messages about the rendered MJML. */
  mjmlFile: string;
  /** The words of the site's language: the subject, the intro, the "more" link. */
  messages: Messages;
}

/**
 * templates/digest.mjml, templates/digest.txt and templates/partials/*.mjml (each the site's own or the
 * built-in one), compiled once with escaping in the HTML template and helpers `wrap` and `upper` for the text.
 */
export async function loadDigestTemplates(folder: TemplateFolder, language: string): Promise<DigestTemplates> {
  const messages = await loadMessages(folder, language);
  const templating = createTemplating(folder, messages);
  templating.registerHelper('upper', (text: unknown) => String(text ?? '').toUpperCase());
  await templating.registerPartials('partials', '.mjml');
  return {
    mjml: await templating.compile('digest.mjml'),
    text: await templating.compile('digest.txt', { plainText: true }),
    mjmlFile: (await findTemplate(folder, 'digest.mjml')) ?? 'digest.mjml',
    messages,
  };
}
