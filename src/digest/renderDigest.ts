import type { Article } from '../article/article.js';
import { formatDay } from '../article/formatDay.js';
import type { ResolvedConfig, SiteConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import type { ArticleGroup } from './selectArticles.js';
import type { Messages } from '../templating/messages.js';
import type { DigestTemplates } from './templates.js';
import { PREFERENCES_PLACEHOLDER, SUBSCRIBER_VIEW, UNSUBSCRIBE_PLACEHOLDER } from './personaliseDigest.js';

export interface DigestIssue {
  /** 1 for the first digest ever sent, then 2, 3 ... */
  number: number;
  date: Date;
  /** The issue's page in the web archive ("view in browser"). */
  archiveUrl: string;
}

export interface DigestContent {
  groups: ArticleGroup<Article>[];
  moreCount: number;
}

/** A digest rendered once for everyone; `personaliseDigest` fills in each subscriber's part. */
export interface RenderedDigest {
  issue: DigestIssue;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  articleIds: string[];
}

export type MjmlRenderer = (mjml: string, options: { validationLevel: 'strict'; filePath: string }) => Promise<{ html: string; errors: { line: number; message: string }[] }>;

export interface RenderDigestInput {
  content: DigestContent;
  issue: DigestIssue;
  site: SiteConfig;
  digest: ResolvedConfig['digest'];
  templates: DigestTemplates;
  /** Where the site's feed is, for the "follow the feed instead" link. */
  feedUrl: string;
  /** For messages that name the template file. */
  displayPath: (path: string) => string;
  /** mjml2html unless a test counts the renders. */
  renderMjml?: MjmlRenderer | undefined;
}

/** Fills the templates with the selected articles and renders the MJML: once per digest, never per subscriber. */
export async function renderDigest(input: RenderDigestInput): Promise<RenderedDigest> {
  const { site, issue } = input;
  const articles = input.content.groups.flatMap((group) => group.articles);
  const count = articles.length + input.content.moreCount;
  const { messages } = input.templates;
  const subject = renderSubject(input.digest.subject, messages, { site: site.title, count, issue: issue.number });
  const view = {
    site,
    subject,
    preheader: preheader(articles),
    issue: { ...issue, dateLabel: formatDay(site.language, issue.date, site.timezone) },
    intro: messages.text('digest.intro', { count }),
    groups: input.content.groups.map((group) => ({ tag: group.tag, articles: group.articles.map((a) => articleView(a, site.language)) })),
    more: input.content.moreCount === 0 ? undefined : { url: site.url, label: messages.text('digest.more', { count: input.content.moreCount, site: site.title }) },
    unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    preferencesUrl: PREFERENCES_PLACEHOLDER,
    subscriber: SUBSCRIBER_VIEW,
    feedUrl: input.feedUrl,
    contactLine: input.digest.contactLine,
  };
  const render = input.renderMjml ?? (await loadMjml());
  const mjml = input.templates.mjml(view);
  let result: Awaited<ReturnType<MjmlRenderer>>;
  try {
    result = await render(mjml, { validationLevel: 'strict', filePath: input.templates.mjmlFile });
  } catch (error) {
    throw mjmlError(error, mjml, input.templates.mjmlFile, input.displayPath);
  }
  if (result.errors.length > 0) throw mjmlError({ errors: result.errors }, mjml, input.templates.mjmlFile, input.displayPath);
  return { issue, subject, preheader: view.preheader, html: result.html, text: `${input.templates.text(view).replace(/\n{3,}/g, '\n\n').trim()}\n`, articleIds: articles.map((a) => a.id) };
}

/**
 * MJML with its component packages takes ~0.7 s to load, so it is loaded at the first render: `serve`, a
 * `start` before its first digest, a send with nothing new and `--help` never pay for it.
 */
async function loadMjml(): Promise<MjmlRenderer> {
  return (await import('mjml')).default as unknown as MjmlRenderer;
}

function articleView(article: Article, language: string) {
  return {
    title: article.title,
    url: article.url,
    summary: article.summary,
    dateLabel: formatDay(language, article.published, article.timeZone),
    byline: article.authors.map((author) => author.name).join(', '),
    image: article.image,
  };
}

/**
 * digest.subject when the config has one ({{site}}, {{count}}, {{articles}} in the site's language, {{issue}}),
 * else the language's own subject. Subject lines are one line of plain text: a line break would end the header.
 */
function renderSubject(pattern: string | undefined, messages: Messages, values: { site: string; count: number; issue: number }): string {
  const words: Record<string, string> = { site: values.site, count: String(values.count), articles: messages.text('digest.articles', { count: values.count }), issue: String(values.issue) };
  const subject = pattern === undefined ? messages.text('digest.subject', values) : pattern.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => words[key] ?? match);
  return subject.replace(/\s+/g, ' ').trim();
}

/** The inbox's grey line after the subject: the first titles, short enough for every client. */
function preheader(articles: readonly Article[]): string {
  const titles = articles.map((a) => a.title).join(' · ');
  return titles.length <= 140 ? titles : `${titles.slice(0, 139).replace(/\s+\S*$/, '')}…`;
}

function mjmlError(error: unknown, mjml: string, file: string, displayPath: (path: string) => string): BroadsheetError {
  const errors = (error as { errors?: { line: number; message: string }[] }).errors ?? [];
  const first = errors[0];
  const lines = mjml.split('\n');
  const context = first === undefined ? '' : ` (filled template line ${first.line}: "${(lines[first.line - 1] ?? '').trim().slice(0, 80)}")`;
  return new BroadsheetError('TEMPLATE_INVALID', `MJML is invalid: ${first?.message ?? (error as Error).message}${context}${errors.length > 1 ? ` and ${errors.length - 1} more` : ''}.`, {
    file: displayPath(file),
    hint: 'Fix the MJML (https://documentation.mjml.io); `npx mjml --validate` on a filled copy lists every error.',
    cause: error,
  });
}
