import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../src/content/plainText.js';
import { renderMarkdown, summaryFromText } from '../../src/content/renderBody.js';
import { summaryFromHtml } from '../../src/content/summaryFromHtml.js';

const ARTICLE = { url: 'https://news.example.org/articles/a/', sourcePath: 'a.md' };

const word = fc.constantFrom('harbour', 'ferry', 'AT&T', '<b>', 'night', 'x', '{{ site.title }}', '{% raw %}', '[^1]', 'https://example.org/', '*', '_', '`code`', 'é', '');
const line = fc.array(word, { minLength: 0, maxLength: 12 }).map((words) => words.join(' '));
const block = fc.oneof(
  line,
  line.map((text) => `# ${text}`),
  line.map((text) => `## ${text}`),
  line.map((text) => `> ${text}`),
  line.map((text) => `[${text}](https://example.org/${text.length})`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item, i) => `${i + 1}. ${item}`).join('\n')),
  line.map((text) => `\`\`\`\n${text}\n\`\`\``),
  line.map((text) => `<div>${text}</div>`),
  line.map((text) => `![${text}](pic.jpg) ${text}`),
  line.map((text) => `| a | b |\n|---|---|\n| ${text} | ${text} |`),
  line.map((text) => `${text}[^1]\n\n[^1]: ${text}`),
  fc.constant('***'),
  fc.constant(`${'long words '.repeat(40)}end`),
);
const body = fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n')), { minLength: 0, maxLength: 12 }).map((blocks) => blocks.map(([text, gap]) => `${text}${gap}`).join(''));

describe('a summary from the first paragraphs of the rendered HTML', () => {
  it('is what the summary rule gives from the whole body as text, on random bodies (a title repeated or not)', () => {
    fc.assert(
      fc.property(body, fc.boolean(), fc.nat(2), (markdown, repeatTitle, which) => {
        const html = renderMarkdown(markdown, ARTICLE);
        const text = htmlToPlainText(html);
        const title = repeatTitle ? (text.split(/\n\s*\n/)[which] ?? '') : 'A title';
        expect(summaryFromHtml(html, title)).toBe(summaryFromText(text, title));
      }),
      { numRuns: 400 },
    );
  });

  it('is the first paragraph after a heading that repeats the title', () => {
    expect(summaryFromHtml('<h1>Ferries</h1>\n<p>They run at night.</p>\n<p>Second.</p>', 'Ferries')).toBe('They run at night.');
  });
});
