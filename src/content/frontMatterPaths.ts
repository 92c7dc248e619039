import type { ContentWarning } from '../article/article.js';
import type { FieldPlace } from './frontMatterUrls.js';

/** Jekyll's permalink placeholders -> broadsheet's. */
const JEKYLL_PLACEHOLDERS: Record<string, string> = {
  year: '{year}',
  month: '{month}',
  day: '{day}',
  title: '{filename}',
  slug: '{slug}',
  output_ext: '.html',
};

/**
 * A front-matter `url` / `permalink` (Hugo, Jekyll, Eleventy) or an alias, as a path relative to the site URL:
 * the leading `/` dropped (it means the site's root, as the old tools read it), and a `/` added to a path
 * whose last segment has no extension (the page is its `index.html`). Jekyll's `:year`, `:month`, `:day`,
 * `:title`, `:slug` and `:output_ext` become broadsheet's placeholders, which a permalink may also use.
 * Undefined, with a warning, for what cannot be a path of this site: a full URL, template syntax.
 */
export function sitePathOf(value: string, field: string, place: FieldPlace, warnings: ContentWarning[], { placeholders }: { placeholders: boolean }): string | undefined {
  const written = value.trim();
  const drop = (why: string): undefined => {
    const { key, line } = place(field, value);
    warnings.push({ line, message: `${key}: ${JSON.stringify(written.slice(0, 80))} ${why}, so it was left out.` });
    return undefined;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//')) return drop('is a full URL, not a path on this site');
  if (/\{\{|\{%/.test(written)) return drop('holds template syntax broadsheet does not run');
  let path = written;
  if (placeholders) {
    const unknown = /:([a-z_]+)/g.exec(path.replace(/:([a-z_]+)/g, (match, name: string) => JEKYLL_PLACEHOLDERS[name] ?? match));
    if (unknown !== null) return drop(`holds the placeholder :${unknown[1]}, which broadsheet does not fill in`);
    path = path.replace(/:([a-z_]+)/g, (_, name: string) => JEKYLL_PLACEHOLDERS[name] as string);
  } else if (/\{[a-z]+\}/.test(path)) return drop('holds a placeholder, which only url and permalink may');
  path = path.replace(/^\/+/, '');
  if (path === '') return drop('is the site\'s front page');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return path.endsWith('/') || last.includes('.') ? path : `${path}/`;
}
