import type { DigestConfig, SiteConfig } from '../config/resolvedConfig.js';
import type { Template } from '../templating/compileTemplate.js';
import { createTemplating } from '../templating/compileTemplate.js';
import type { Messages } from '../templating/messages.js';
import { loadMessages } from '../templating/messages.js';
import type { TemplateFolder } from '../templating/templateFolder.js';
import type { Section } from './sections.js';

/** One template per kind of page in templates/site/, each filled into templates/site/layout.hbs. */
export const PAGE_NAMES = ['index', 'article', 'tag', 'archive', 'subscribe', 'confirm', 'unsubscribe', 'preferences', 'error'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/** What the layout needs of every page; the rest of a page's view is its own. */
export interface PageFrame {
  title: string;
  /** Absolute URL, for search engines and readers. */
  canonical: string | undefined;
  description: string | undefined;
  /** `<link rel="alternate">` autodiscovery of feeds. */
  feeds: readonly { type: string; title: string; url: string }[];
  sections: readonly Section[];
}

export interface SitePages {
  site: SiteConfig;
  messages: Messages;
  /** Paths (not URLs) of the site's own pages and files, so a page works on `serve` as on the public site. */
  paths: SitePaths;
  render(name: PageName, frame: PageFrame, page: object): string;
  /** The topics and frequencies of this site, ticked as `chosen` (the preferences page's form). */
  choices(chosen: { topics: readonly string[]; frequency: string | undefined }): ChoicesView;
  /** Changes when a template or message changes: the key of the pages made from them. */
  fingerprint: string;
}

export interface SitePaths {
  home: string;
  stylesheet: string;
  favicon: string;
  /** Where the subscribe form posts. */
  subscribe: string;
  unsubscribe: string;
  /** Where the preferences page's form posts. */
  preferences: string;
  /** The subscribe form on the front page. */
  subscribePage: string;
  archive: string;
  feeds: { rss: string; atom: string; json: string };
}

/** The topics and frequencies a form shows (templates/site/partials/choices.hbs), ticked as chosen. */
export interface ChoicesView {
  topics: readonly { tag: string; label: string; checked: boolean }[];
  /** Empty when there is only one: nothing to choose. */
  frequencies: readonly { name: string; checked: boolean }[];
}

/** `chosen.topics` ticked, and `chosen.frequency`, or the first (everyone's until they choose). */
export function choicesView(digest: Pick<DigestConfig, 'topics' | 'frequencies'>, chosen: { topics: readonly string[]; frequency: string | undefined }): ChoicesView {
  const names = Object.keys(digest.frequencies);
  const frequency = chosen.frequency ?? names[0];
  return {
    topics: digest.topics.map((topic) => ({ ...topic, checked: chosen.topics.includes(topic.tag) })),
    frequencies: names.length > 1 ? names.map((name) => ({ name, checked: name === frequency })) : [],
  };
}

/**
 * Compiles templates/site/ (the site's own files, the built-in one for each it lacks) for site.language;
 * every page's subscribe form offers digest.topics and digest.frequencies.
 */
export async function loadSitePages(folder: TemplateFolder, site: SiteConfig, digest: Pick<DigestConfig, 'topics' | 'frequencies'>): Promise<SitePages> {
  const choices = choicesView(digest, { topics: [], frequency: undefined });
  const offer = { ...choices, choose: choices.topics.length + choices.frequencies.length > 0 };
  const templating = createTemplating(folder, await loadMessages(folder, site.language));
  await templating.registerPartials('site/partials', '.hbs');
  const layout = await templating.compile('site/layout.hbs');
  const templates = new Map<PageName, Template>();
  for (const name of PAGE_NAMES) templates.set(name, await templating.compile(`site/${name}.hbs`));
  const paths = sitePaths(site);
  return {
    site,
    messages: templating.messages,
    paths,
    render(name, frame, page) {
      const template = templates.get(name) as Template;
      const common = { site, paths, offer, sections: frame.sections };
      return layout({ ...common, ...frame, body: template({ ...common, ...page }) });
    },
    choices: (chosen) => choicesView(digest, chosen),
    fingerprint: `${templating.fingerprint()} ${JSON.stringify(offer)}`,
  };
}

function sitePaths(site: SiteConfig): SitePaths {
  const path = (relative: string) => new URL(relative, site.url).pathname;
  return {
    home: path(''),
    stylesheet: path('style.css'),
    favicon: path('favicon.svg'),
    subscribe: path('subscribe'),
    unsubscribe: path('unsubscribe'),
    preferences: path('preferences'),
    subscribePage: `${path('')}#subscribe`,
    archive: path('archive/'),
    feeds: { rss: path('rss.xml'), atom: path('atom.xml'), json: path('feed.json') },
  };
}
