import type { IncomingMessage, ServerResponse } from 'node:http';

/** The path of the event stream the open pages listen on. */
export const LIVE_RELOAD_PATH = '/_dev/events';

/** What the open pages are told: the site was rebuilt (every page reloads), a mail arrived (the inbox reloads). */
export type DevEvent = 'rebuilt' | 'mail';

/** How many of each event the server has sent: a page is made at one count, and stale when it moved. */
export type EventCounts = Readonly<Record<DevEvent, number>>;

/**
 * What `dev` adds to the pages it serves: an EventSource that reloads the page on the events it names.
 * The page says which counts it was made at, so an event sent while it was loading (a mail stored just
 * after the inbox was read) is not missed. EventSource reconnects by itself, so a page outlives a restart
 * of `dev`. A page only reloads on a mail when it shows mail: the front page reloading as its own form
 * posts would cancel the post.
 */
export function withLiveReload(html: string, counts: EventCounts, events: readonly DevEvent[] = ['rebuilt']): string {
  const made = new URLSearchParams(events.map((event): [string, string] => [event, String(counts[event])])).toString();
  const listeners = events.map((event) => `events.addEventListener(${JSON.stringify(event)}, () => location.reload());`).join(' ');
  const client = `<script>{ const events = new EventSource(${JSON.stringify(`${LIVE_RELOAD_PATH}?${made}`)}); ${listeners} }</script>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${client}\n` : `${html.slice(0, end)}${client}\n${html.slice(end)}`;
}

/**
 * Server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html) to every open page:
 * one-way, plain HTTP, no library on either side.
 */
export class LiveReload {
  private readonly pages = new Set<ServerResponse>();
  private readonly sent: Record<DevEvent, number> = { rebuilt: 0, mail: 0 };

  counts(): EventCounts {
    return { ...this.sent };
  }

  /** Takes a page's event stream request; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): boolean {
    if (url.pathname !== LIVE_RELOAD_PATH) return false;
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
    // A comment line flushes the headers, so the browser counts the stream as open.
    response.write(': open\n\n');
    // Events sent since the page was made: it hears them at once.
    for (const event of Object.keys(this.sent) as DevEvent[]) {
      const made = url.searchParams.get(event);
      if (made !== null && Number(made) !== this.sent[event]) response.write(`event: ${event}\ndata: ${event}\n\n`);
    }
    this.pages.add(response);
    request.on('close', () => this.pages.delete(response));
    return true;
  }

  /** Tells every open page; each reloads if it listens for this event. */
  tell(event: DevEvent): void {
    this.sent[event] += 1;
    for (const page of this.pages) page.write(`event: ${event}\ndata: ${event}\n\n`);
  }

  /** Ends every stream, so that the HTTP server can close (it waits for open responses). */
  close(): void {
    for (const page of this.pages) page.end();
    this.pages.clear();
  }
}
