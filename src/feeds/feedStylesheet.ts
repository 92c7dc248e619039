import type { SiteConfig } from '../config/resolvedConfig.js';
import { createTemplating } from '../templating/compileTemplate.js';
import type { Messages } from '../templating/messages.js';
import type { TemplateFolder } from '../templating/templateFolder.js';
import { FEED_STYLESHEET } from './channel.js';

/**
 * templates/feed.xsl with the words of the site's language: a browser shows a feed through it, so what it
 * says to a reader comes from templates/messages/ like every page's words. Handlebars' `{{` never meets
 * XSLT's `{expression}` attribute values, so one file holds both.
 */
export async function renderFeedStylesheet(folder: TemplateFolder, messages: Messages, site: SiteConfig): Promise<string> {
  const template = await createTemplating(folder, messages).compile(FEED_STYLESHEET);
  return template({ site });
}
