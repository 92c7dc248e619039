import type { ContentWarning } from '../article/article.js';
import { escapeHtml } from '../article/html.js';


/**
 * Placeholders for URLs only the render knows (the site's address, another article's): `broadsheet:site/x` is
 * `x` under `site.url`, `broadsheet:ref/<path>` the URL of the article from that file (see resolvePlaceholders).
 */
export const SITE_PLACEHOLDER = 'broadsheet:site/';
export const REF_PLACEHOLDER = 'broadsheet:ref/';

/** Warnings kept per file: an archive written for another tool can hold hundreds of one unknown tag. */
const MAX_WARNINGS = 10;

/**
 * One construct of Liquid (Jekyll, Eleventy), Nunjucks (Eleventy) or Hugo's shortcodes, matched in one pass:
 * paired blocks first (raw, comment, highlight), then the escaped shortcodes of Hugo (a comment inside the braces), shortcodes,
 * Liquid tags, output tags and Nunjucks comments. Inline code spans are matched so that they are left alone.
 */
const CONSTRUCT = new RegExp(
  [
    String.raw`(?<code>(?<ticks>\x60+)[^\x60][\s\S]*?\k<ticks>)`,
    String.raw`\{%-?\s*raw\s*-?%\}(?<raw>[\s\S]*?)\{%-?\s*endraw\s*-?%\}`,
    String.raw`(?<comment>\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{#[\s\S]*?#\})`,
    String.raw`\{%-?\s*highlight\s+["']?(?<lang>[\w+#.-]*)["']?[^%]*?-?%\}\n?(?<highlighted>[\s\S]*?)\n?\{%-?\s*endhighlight\s*-?%\}`,
    String.raw`\{\{[<%]\s*highlight\s+["']?(?<hlang>[\w+#.-]*)["']?[^}]*?[>%]\}\}\n?(?<hhighlighted>[\s\S]*?)\n?\{\{[<%]\s*/highlight\s*[>%]\}\}`,
    String.raw`\{\{(?<open>[<%])/\*(?<escaped>[\s\S]*?)\*/(?<close>[>%])\}\}`,
    String.raw`\{\{[<%]\s*(?<closing>/)?(?<shortcode>[\w.-]+)(?<args>[^}]*?)/?\s*[>%]\}\}`,
    String.raw`\{%-?\s*(?<tag>\w+)(?<tagArgs>[\s\S]*?)-?%\}`,
    String.raw`\{\{-?\s*(?<output>[\s\S]*?)\s*-?\}\}`,
  ].join('|'),
  'g',
);

/** A page's own fields, for `{{ page.title }}` (Jekyll, Eleventy) and `{{ title }}` (Nunjucks). */
export type PageFields = Readonly<Record<string, unknown>>;

/**
 * Template syntax written for the old tool -> Markdown that shows what the old tool showed, never evaluated:
 * raw blocks unwrapped, comments dropped, highlight blocks as fenced code, links to other posts and to the
 * site as placeholders, Hugo's figure, youtube, vimeo and gist as HTML or links, and page fields filled in.
 * Inside fenced code only raw blocks and Hugo's escapes are undone (the old tools did that there too).
 * Anything else stays as written, and is reported with its line.
 */
export function convertTemplateSyntax(markdown: string, firstLine: number, page: PageFields): { markdown: string; warnings: ContentWarning[] } {
  if (!/\{[{%#]/.test(markdown)) return { markdown, warnings: [] };
  const warnings: ContentWarning[] = [];
  let unreported = 0;
  const warn = (index: number, message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ line: firstLine + countLines(markdown, index), message });
    else unreported++;
  };
  let converted = '';
  let at = 0;
  for (const [start, end] of [...fencedRanges(markdown), [markdown.length, markdown.length] as [number, number]]) {
    converted += convertProse(markdown.slice(at, start), at, markdown, page, warn);
    converted += markdown.slice(start, end).replace(IN_CODE, (match, raw: string | undefined, open: string, escaped: string, close: string) => raw ?? `{{${open}${escaped}${close}}}`);
    at = end;
  }
  if (unreported > 0) warnings.push({ line: firstLine + countLines(markdown, markdown.length), message: `and ${unreported} more such constructs in this file.` });
  return { markdown: converted, warnings };
}

/** What the old tools undid inside code too: raw blocks, and Hugo's escaped shortcodes. */
const IN_CODE = /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}|\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g;

function convertProse(text: string, offset: number, whole: string, page: PageFields, warn: (index: number, message: string) => void): string {
  return text.replace(CONSTRUCT, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    const index = offset + (rest.at(-3) as number);
    if (groups.code !== undefined) return match;
    if (groups.raw !== undefined) return groups.raw;
    if (groups.escaped !== undefined) return `{{${groups.open}${groups.escaped}${groups.close}}}`;
    if (groups.comment !== undefined) return '';
    if (groups.highlighted !== undefined) return fence(groups.lang ?? '', groups.highlighted);
    if (groups.hhighlighted !== undefined) return fence(groups.hlang ?? '', groups.hhighlighted);
    const replaced =
      groups.shortcode !== undefined
        ? shortcode(groups.shortcode, groups.args ?? '', groups.closing !== undefined)
        : groups.tag !== undefined
          ? liquidTag(groups.tag, groups.tagArgs ?? '')
          : output(groups.output ?? '', page, whole.slice(Math.max(0, index - 40), index));
    if (replaced !== undefined) return replaced;
    // A paired shortcode is reported once, at its opening.
    if (groups.closing !== undefined) return match;
    warn(index, `${describe(match)} is template syntax broadsheet does not run; it is shown as written.`);
    return match;
  });
}

function describe(match: string): string {
  const oneLine = match.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function fence(lang: string, code: string): string {
  return `\n\`\`\`${lang}\n${code.replace(/^\n+|\n+$/g, '')}\n\`\`\`\n`;
}

/** [start, end) of each fenced code block (``` or ~~~, as CommonMark opens and closes them). */
function fencedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const line = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { index: number; marker: string } | undefined;
  for (let match = line.exec(text); match !== null; match = line.exec(text)) {
    const marker = match[1] as string;
    if (open === undefined) open = { index: match.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && match[0].trim() === marker) {
      ranges.push([open.index, match.index + match[0].length]);
      open = undefined;
    }
  }
  if (open !== undefined) ranges.push([open.index, text.length]);
  return ranges;
}

/** `name="value"`, `name=value`, `"value"` and `value` arguments, in order; named ones also by name. */
function argumentsOf(text: string): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const match of text.matchAll(/(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|\x60([^\x60]*)\x60|([^\s,"']+))/g)) {
    const value = match[2] ?? match[3] ?? match[4] ?? match[5] ?? '';
    if (match[1] === undefined) positional.push(value);
    else named[match[1]] = value;
  }
  return { positional, named };
}

/** Hugo's built-in shortcodes a feed can show; undefined for any other (the caller warns). */
function shortcode(name: string, args: string, closing: boolean): string | undefined {
  if (closing) return undefined;
  const { positional, named } = argumentsOf(args);
  const first = positional[0] ?? '';
  switch (name) {
    case 'ref':
    case 'relref':
      return first === '' ? undefined : `${REF_PLACEHOLDER}${encodeURIComponent(first)}`;
    case 'figure': {
      const src = named.src ?? first;
      if (src === '') return undefined;
      const alt = named.alt ?? named.caption ?? named.title ?? '';
      const img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
      const caption = named.caption ?? named.title;
      const linked = named.link === undefined ? img : `<a href="${escapeHtml(named.link)}">${img}</a>`;
      return `<figure>${linked}${caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`}</figure>`;
    }
    case 'youtube': {
      const id = named.id ?? first;
      return id === '' ? undefined : `<a href="https://www.youtube.com/watch?v=${encodeURIComponent(id)}">${escapeHtml(named.title ?? 'Watch the video on YouTube')}</a>`;
    }
    case 'vimeo': {
      const id = named.id ?? first;
      return id === '' ? undefined : `<a href="https://vimeo.com/${encodeURIComponent(id)}">${escapeHtml(named.title ?? 'Watch the video on Vimeo')}</a>`;
    }
    case 'gist': {
      const [user, id, file] = positional;
      if (user === undefined || id === undefined) return undefined;
      const url = `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(id)}${file === undefined ? '' : `#file-${encodeURIComponent(file.replace(/\./g, '-'))}`}`;
      return `<a href="${url}">${escapeHtml(file ?? 'View the gist on GitHub')}</a>`;
    }
    default:
      return undefined;
  }
}

/** Jekyll's `link` and `post_url`, and the `ref`/`relref` shortcodes Eleventy sites copy from Hugo. */
const LINK_TAGS = new Set(['link', 'post_url', 'ref', 'relref']);

/** Jekyll's link tags; undefined for any other tag (include, assign, if, custom shortcodes...). */
function liquidTag(tag: string, args: string): string | undefined {
  const target = argumentsOf(args).positional[0];
  // A raw block around a code fence opens and closes outside it; its content is verbatim either way.
  if (tag === 'raw' || tag === 'endraw') return '';
  if (LINK_TAGS.has(tag) && target !== undefined) return `${REF_PLACEHOLDER}${encodeURIComponent(target)}`;
  return undefined;
}

/** `{{ site.url }}`, `{{ site.baseurl }}`, `{{ '/x' | relative_url }}` (Jekyll), `{{ '/x' | url }}` (Eleventy), page fields. */
function output(expression: string, page: PageFields, before: string): string | undefined {
  if (expression === 'site.url') return SITE_PLACEHOLDER;
  // After {{ site.url }} the base path is already in the placeholder; alone it starts a root-relative path.
  if (expression === 'site.baseurl') return /\{\{-?\s*site\.url\s*-?\}\}$/.test(before) ? '' : SITE_PLACEHOLDER.slice(0, -1);
  const filtered = /^(?:"([^"]*)"|'([^']*)')\s*\|\s*(relative_url|absolute_url|url)$/.exec(expression);
  if (filtered !== null) return `${SITE_PLACEHOLDER}${(filtered[1] ?? filtered[2] ?? '').replace(/^\//, '')}`;
  const field = /^(?:page\.)?([A-Za-z_]\w*)$/.exec(expression)?.[1];
  const value = field === undefined ? undefined : page[field];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  return undefined;
}

/**
 * The placeholders in rendered HTML -> URLs: the site's for `broadsheet:site/`, and for `broadsheet:ref/<path>`
 * the article whose file that path names (`refUrl`; a ref it cannot place is left to the sanitiser, which
 * drops a link of an unknown scheme and keeps its text).
 */
export function resolvePlaceholders(html: string, siteUrl: string | undefined, refUrl: ((ref: string) => string | undefined) | undefined): string {
  if (!html.includes('broadsheet:')) return html;
  return html.replace(/broadsheet:(site|ref)\/([^\s"'<>)]*)/g, (match, kind: string, rest: string) => {
    const path = rest.replace(/^\/+/, '');
    if (kind === 'site') return siteUrl === undefined ? `/${path}` : new URL(path, siteUrl).href;
    return refUrl?.(safeDecode(rest)) ?? match;
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
