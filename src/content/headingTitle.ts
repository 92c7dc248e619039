import type { Token } from 'markdown-it';
import { markdown } from './markdown.js';

/**
 * The first level-1 heading of a Markdown body (ATX `# Title` or setext `Title\n===`) as the title, and the
 * body without it. Found from markdown-it's tokens, not a regular expression, so a `# comment` inside a
 * code block is never taken for the title.
 */
export function takeHeadingTitle(body: string): { title: string; body: string } | undefined {
  const tokens = markdown().parse(body, {});
  const open = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  const inline = tokens[open + 1];
  const lines = tokens[open]?.map;
  if (open === -1 || inline === undefined || lines == null) return undefined;
  const title = inlineText(inline.children ?? []).trim();
  if (title === '') return undefined;
  const bodyLines = body.split('\n');
  bodyLines.splice(lines[0], lines[1] - lines[0]);
  return { title, body: bodyLines.join('\n') };
}

/** What a reader sees of a heading: its text and code spans, without the Markdown around them. */
function inlineText(children: readonly Token[]): string {
  return children
    .map((token) => (token.type === 'text' || token.type === 'code_inline' ? token.content : token.type === 'softbreak' ? ' ' : ''))
    .join('');
}
