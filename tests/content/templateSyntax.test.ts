import { describe, expect, it } from 'vitest';
import { convertTemplateSyntax, resolvePlaceholders } from '../../src/content/templateSyntax.js';

describe('template syntax of the old tool', () => {
  it('is left alone inside code, but for raw blocks and Hugo escapes, which the old tools undid there too', () => {
    const source = ['Use `{{ page.title }}` inline.', '', '```', '{% include x.html %} {% raw %}{{ y }}{% endraw %}', '{{</* figure src="a.jpg" */>}}', '```', ''].join('\n');
    const { markdown, warnings } = convertTemplateSyntax(source, 1, { title: 'T' });
    expect(markdown).toBe(['Use `{{ page.title }}` inline.', '', '```', '{% include x.html %} {{ y }}', '{{< figure src="a.jpg" >}}', '```', ''].join('\n'));
    expect(warnings).toEqual([]);
  });

  it('is never evaluated: an unknown tag or expression stays as written, reported with its line', () => {
    const { markdown, warnings } = convertTemplateSyntax('One.\n\n{% assign x = 1 %}\n\n{{ x | times: 2 }}\n', 7, {});
    expect(markdown).toBe('One.\n\n{% assign x = 1 %}\n\n{{ x | times: 2 }}\n');
    expect(warnings).toEqual([
      { line: 9, message: '{% assign x = 1 %} is template syntax broadsheet does not run; it is shown as written.' },
      { line: 11, message: '{{ x | times: 2 }} is template syntax broadsheet does not run; it is shown as written.' },
    ]);
  });

  it('reports at most ten constructs of a file, then how many more', () => {
    const { warnings } = convertTemplateSyntax('{% foo %}\n'.repeat(14), 1, {});
    expect(warnings).toHaveLength(11);
    expect(warnings.at(-1)?.message).toBe('and 4 more such constructs in this file.');
  });

  it('escapes page fields it fills in', () => {
    expect(convertTemplateSyntax('{{ page.title }}', 1, { title: '<script>' }).markdown).toBe('&lt;script&gt;');
  });

  it('resolves links to the site under its path, and leaves a ref it cannot place to the sanitiser', () => {
    const html = '<a href="broadsheet:site//a.png">x</a> <a href="broadsheet:ref/missing.md">y</a>';
    expect(resolvePlaceholders(html, 'https://example.org/blog/', () => undefined)).toBe('<a href="https://example.org/blog/a.png">x</a> <a href="broadsheet:ref/missing.md">y</a>');
  });
});
