import { dateLabel, escape, layout } from '../../html.js';

/** An article's page: its title, date, byline, body and tags. */
export default class {
  render(data) {
    const byline = data.author === undefined ? '' : ` · ${escape(data.author)}`;
    const tags = (data.tags ?? []).map((tag) => `<a href="/tags/${tag}/">${escape(tag)}</a>`).join(' ');
    return layout(data, data.title, `<article><h1>${escape(data.title)}</h1>
<p><time datetime="${data.page.date.toISOString()}">${dateLabel(data.page.date)}</time>${byline}</p>
${data.content}
<p>${tags}</p></article>`);
  }
}
