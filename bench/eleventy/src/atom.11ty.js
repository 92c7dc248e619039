import { dateToRfc3339, getNewestCollectionItemDate } from '@11ty/eleventy-plugin-rss';
import { articleUrl, escape, summaryOf } from '../html.js';
import { eachFeed } from '../lists.js';

/** The site's and each tag's Atom feed: the newest 50 with full content. */
export default class {
  data() {
    return eachFeed('atom.xml');
  }

  render(data) {
    const link = `${data.site.url}${data.feed.base.slice(1)}`;
    const entries = data.feed.items.map((item) => `<entry>
<title>${escape(item.data.title)}</title>
<id>${articleUrl(data, item)}</id>
<link href="${articleUrl(data, item)}"/>
<published>${dateToRfc3339(item.date)}</published>
<updated>${dateToRfc3339(item.date)}</updated>
<summary>${escape(summaryOf(item.content))}</summary>
<content type="html">${escape(item.content)}</content>
</entry>`);
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${escape(data.feed.title)}</title>
<id>${link}</id>
<link href="${link}"/>
<link rel="self" href="${link}atom.xml"/>
<updated>${dateToRfc3339(getNewestCollectionItemDate(data.feed.items))}</updated>
${entries.join('\n')}
</feed>
`;
  }
}
