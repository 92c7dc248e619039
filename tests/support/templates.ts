import type { SiteConfig } from '../../src/config/resolvedConfig.js';
import type { SitePages } from '../../src/pages/sitePages.js';
import { loadSitePages } from '../../src/pages/sitePages.js';
import type { Messages } from '../../src/templating/messages.js';
import { loadMessages } from '../../src/templating/messages.js';
import type { ConfirmationMail } from '../../src/subscribers/confirmationMail.js';
import { loadConfirmationMail } from '../../src/subscribers/confirmationMail.js';
import { BUILT_IN_TEMPLATES, templateFolder } from '../../src/templating/templateFolder.js';
import { digestConfig } from './digest.js';

/** The site pages of a templates folder (broadsheet's own by default), as the app loads them. */
export function sitePagesFor(site: SiteConfig, dir = BUILT_IN_TEMPLATES): Promise<SitePages> {
  return loadSitePages(templateFolder(dir, (path) => path), site, digestConfig);
}

/** The confirmation mail of a templates folder (broadsheet's own by default). */
export function confirmationMailFor(site: SiteConfig, dir = BUILT_IN_TEMPLATES): Promise<ConfirmationMail> {
  return loadConfirmationMail(templateFolder(dir, (path) => path), site);
}

/** The messages of site.language from a templates folder (broadsheet's own by default). */
export function messagesFor(site: SiteConfig, dir = BUILT_IN_TEMPLATES): Promise<Messages> {
  return loadMessages(templateFolder(dir, (path) => path), site.language);
}
