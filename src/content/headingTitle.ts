import type { Token } from 'markdown-it';
import { markdown } from './markdown.js';

/**
 * A level-1 heading (ATX `# Title` or setext `Title\n===`) that is the first block of a Markdown body apart
 * from code blocks, as the title, and the body without it. Found from markdown-it's tokens, not a regular
 * expression, so a `# comment` inside a code block is never taken for the title; a heading further down is a
 * section of the article, not its title.
 */
export function takeHeadingTitle(body: string): { title: string; body: string } | undefined {
  const tokens = markdown().parse(body, {});
  const first = tokens.findIndex((token) => token.level === 0 && token.type !== 'fence' && token.type !== 'code_block' && token.type !== 'html_block');
  const open = tokens[first]?.type === 'heading_open' && tokens[first]?.tag === 'h1' ? first : -1;
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
