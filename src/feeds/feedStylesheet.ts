import { monthNames } from '../article/formatDay.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { createTemplating } from '../templating/compileTemplate.js';
import type { Messages } from '../templating/messages.js';
import type { TemplateFolder } from '../templating/templateFolder.js';
import { FEED_STYLESHEET } from './channel.js';

/**
 * templates/feed.xsl with the words of the site's language: a browser shows a feed through it, so what it
 * says to a reader comes from templates/messages/ like every page's words. Handlebars' `{{` never meets
 * XSLT's `{expression}` attribute values, so one file holds both. XSLT 1.0 knows no month names: the
 * stylesheet is given those of site.language, numbered from 1 as in the dates it cuts apart.
 */
export async function renderFeedStylesheet(folder: TemplateFolder, messages: Messages, site: SiteConfig): Promise<string> {
  const template = await createTemplating(folder, messages).compile(FEED_STYLESHEET);
  return template({ site, months: monthNames(site.language).map((name, i) => ({ number: i + 1, name })) });
}
