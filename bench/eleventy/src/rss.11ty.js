import { dateToRfc822 } from '@11ty/eleventy-plugin-rss';
import { articleUrl, escape, summaryOf } from '../html.js';
import { eachFeed } from '../lists.js';

/** The site's and each tag's RSS feed: the newest 50 with full content. */
export default class {
  data() {
    return eachFeed('rss.xml');
  }

  render(data) {
    const link = `${data.site.url}${data.feed.base.slice(1)}`;
    const items = data.feed.items.map((item) => `<item>
<title>${escape(item.data.title)}</title>
<link>${articleUrl(data, item)}</link>
<guid isPermaLink="false">${articleUrl(data, item)}</guid>
<pubDate>${dateToRfc822(item.date)}</pubDate>
<description>${escape(summaryOf(item.content))}</description>
<content:encoded>${escape(item.content)}</content:encoded>
</item>`);
    return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${escape(data.feed.title)}</title>
<link>${link}</link>
<description>${escape(data.site.title)}</description>
<atom:link href="${link}rss.xml" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
  }
}
