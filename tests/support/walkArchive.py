"""Walks RFC 5005 archive chains with feedparser, as a feed reader would: from each subscription feed given,
each prev-archive link in turn, until a document has none. The documents are read from the out folder (a URL
under the site's is the file at that path). Prints, for each start, its documents in the order visited."""
import json
import sys

import feedparser



def walk(out_dir, site_url, start):
    url, seen, documents = site_url + start, set(), []
    while url is not None and url not in seen and len(seen) < 1000:
        seen.add(url)
        if not url.startswith(site_url):
            raise SystemExit(f"link outside the site: {url}")
        parsed = feedparser.parse(f"{out_dir}/{url[len(site_url):]}")
        links = {link.get("rel"): link.get("href") for link in parsed.feed.get("links", [])}
        documents.append({
            "url": url,
            "bozo": bool(parsed.bozo),
            "archive": "fh_archive" in parsed.feed,
            "complete": "fh_complete" in parsed.feed,
            "links": links,
            "ids": [entry.get("id") for entry in parsed.entries],
        })
        url = links.get("prev-archive")
    return documents


out_dir, site_url, starts = sys.argv[1], sys.argv[2], sys.argv[3:]
print(json.dumps({start: walk(out_dir, site_url, start) for start in starts}))
