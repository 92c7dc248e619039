import { slugOf } from '../article/slug.js';
import type { CalendarDay } from '../article/timeZone.js';
import { BroadsheetError } from '../errors.js';

export type ArticleFormat = 'markdown' | 'plain-text';

export interface NewArticleRequest {
  title: string;
  tags: readonly string[];
  format: ArticleFormat;
  /** Today, in site.timezone. */
  day: CalendarDay;
}

export interface ArticleFile {
  /** `YYYY-MM-DD-<slug>.md` or `.txt`: the date prefix keeps content/ in order and is Jekyll's convention. */
  name: string;
  text: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The file `broadsheet new` writes: a new article, dated today, with its front matter (or date line) filled in. */
export function newArticleFile(request: NewArticleRequest): ArticleFile {
  const title = request.title.trim();
  if (title === '' || /[\r\n]/.test(title)) {
    throw new BroadsheetError('INPUT_INVALID', 'the title must be one line of text.', { field: 'TITLE', hint: 'Quote it: broadsheet new "Night trains are back".' });
  }
  const slug = slugOf(title);
  if (slug === '') {
    throw new BroadsheetError('INPUT_INVALID', `"${title}" has no letters or digits to make a file name from.`, { field: 'TITLE', hint: 'Give a title with words in it.' });
  }
  const { year, month, day } = request.day;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (request.format === 'plain-text') {
    if (request.tags.length > 0) {
      throw new BroadsheetError('INPUT_INVALID', 'a plain-text article has no front matter to hold tags.', { field: '--tags', hint: 'Leave out --txt to write Markdown, or leave out --tags.' });
    }
    // The plain-text format: the date line, the title line, then paragraphs (see "Article files" in the README).
    const text = `${day} ${MONTH_NAMES[month - 1]} ${year}\n\n${title}\n\nWrite the article here, in paragraphs separated by blank lines.\n`;
    return { name: `${iso}-${slug}.txt`, text };
  }
  // JSON strings and arrays are valid YAML flow scalars and sequences, so any title or tag is quoted safely.
  const frontMatter = [`title: ${JSON.stringify(title)}`, `date: ${iso}`, `tags: ${JSON.stringify(request.tags)}`, 'draft: false'];
  return { name: `${iso}-${slug}.md`, text: `---\n${frontMatter.join('\n')}\n---\nWrite the article here, in Markdown.\n` };
}
