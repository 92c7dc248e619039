import { articleUrl, summaryOf } from '../html.js';
import { eachFeed } from '../lists.js';

/** The site's and each tag's JSON Feed: the newest 50 with full content. */
export default class {
  data() {
    return eachFeed('feed.json');
  }

  render(data) {
    const link = `${data.site.url}${data.feed.base.slice(1)}`;
    return JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: data.feed.title,
      home_page_url: link,
      feed_url: `${link}feed.json`,
      items: data.feed.items.map((item) => ({
        id: `${articleUrl(data, item)}`,
        url: `${articleUrl(data, item)}`,
        title: item.data.title,
        date_published: item.date.toISOString(),
        summary: summaryOf(item.content),
        content_html: item.content,
      })),
    });
  }
}
