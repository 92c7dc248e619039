import type { LinkedFile } from '../article/article.js';
import { contentPathOf, filePathOf, relativeFileOf } from '../article/linkedFile.js';
import { SITE_PLACEHOLDER } from './templateSyntax.js';

/**
 * Where Markdown and raw HTML name a link's target: `](target)` (links and images, `<target>` too), a
 * reference definition `[name]: target`, and `src=` / `href=` attributes (raw HTML, Hugo's figure shortcode).
 */
const TARGETS = /\]\(\s*<([^>\n]+)>|\]\(\s*([^\s)]+)|^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)|\b(?:src|href)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'<>=`]+))/gi;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The local files an article links to (front-matter `fields` such as its image, then its body), by their
 * paths in the content folder, each with the line it is first linked on; found in the source, so the index
 * knows them without rendering the body. Code blocks are
 * skipped: a link shown as code is not followed. A link that leaves the content folder is not a file of the
 * article's but a link relative to its page (`../../rss.xml`), as a browser reads it.
 */
export function linkedFilesOf(sourcePath: string, fields: readonly { ref: string; line: number }[], body: string, firstLine: number): LinkedFile[] {
  const found = new Map<string, LinkedFile>();
  for (const { ref, line } of fields) addLinkedFile(found, sourcePath, ref, line);
  let fence: string | undefined;
  for (const [i, text] of body.split('\n').entries()) {
    const marker = FENCE.exec(text)?.[1];
    if (marker !== undefined && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    for (const match of text.matchAll(TARGETS)) {
      const target = match.slice(1).find((group) => group !== undefined) ?? '';
      addLinkedFile(found, sourcePath, target, firstLine + i);
    }
  }
  return [...found.values()];
}

/** Adds the file `ref` names when it is a link to a file: relative, or from the site's root or the host's. */
function addLinkedFile(found: Map<string, LinkedFile>, sourcePath: string, ref: string, line: number): void {
  const file = linkedFileOf(sourcePath, ref.trim(), line);
  const key = file === undefined ? undefined : `${file.from ?? ''}:${file.path}`;
  if (file !== undefined && key !== undefined && !found.has(key)) found.set(key, file);
}

function linkedFileOf(sourcePath: string, ref: string, line: number): LinkedFile | undefined {
  // A site placeholder (from `{{ site.baseurl }}`, `relative_url`) or a `/` starts the path at a root; a
  // `sourcePath` without a folder then resolves `..` the way the relative path of a top-level file would.
  const [rooted, from] = ref.startsWith(SITE_PLACEHOLDER) ? [ref.slice(SITE_PLACEHOLDER.length), 'site' as const] : /^\/(?!\/)/.test(ref) ? [ref, 'host' as const] : [undefined, undefined];
  const relative = rooted === undefined ? relativeFileOf(ref) : filePathOf(rooted);
  const path = relative === undefined ? undefined : contentPathOf(rooted === undefined ? sourcePath : '', relative);
  if (path === undefined) return undefined;
  return from === undefined ? { path, line } : { path, line, from };
}
