import MarkdownIt from 'markdown-it';

/** The one Markdown dialect of broadsheet: CommonMark plus raw HTML (sanitised afterwards) and bare links. */
export const markdown = new MarkdownIt({ html: true, linkify: true });
