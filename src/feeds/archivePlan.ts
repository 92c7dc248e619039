/**
 * The page each entry of a channel's archive was put on (RFC 5005 archived feeds): article id -> page number,
 * for every article that ever was on one, also those since removed, so one that comes back goes back to its page.
 */
export type ArchiveAssignment = ReadonlyMap<string, number>;

/** Every channel's assignment, by channel folder ('' for the site's feeds, 'tags/<slug>/'). */
export type ArchiveAssignments = ReadonlyMap<string, ArchiveAssignment>;

/** One archived feed document: its number (1 is the oldest) and the entries it holds, in the order given. */
export interface ArchivePage<T> {
  number: number;
  items: T[];
}

/**
 * A channel's archive pages from its articles, oldest first, and the pages they were put on before. An article
 * keeps its page for good; a new one goes on the newest page, or opens the next when that one has had
 * `pageSize` articles (a removed article still counts: its page stays one short and never overflows when
 * it comes back). So a full page changes only when one of its own articles does, and a reader that kept it
 * need not fetch it again. Pages left with no article are not in the chain. `added` is what the caller
 * must remember for the next build.
 */
export function planArchive<T extends { id: string }>(
  oldestFirst: readonly T[],
  assigned: ArchiveAssignment,
  pageSize: number,
): { pages: ArchivePage<T>[]; added: Map<string, number> } {
  const counts = new Map<number, number>();
  let newest = 0;
  for (const page of assigned.values()) {
    counts.set(page, (counts.get(page) ?? 0) + 1);
    if (page > newest) newest = page;
  }
  const added = new Map<string, number>();
  const byPage = new Map<number, T[]>();
  for (const item of oldestFirst) {
    let page = assigned.get(item.id) ?? added.get(item.id);
    if (page === undefined) {
      if (newest === 0 || (counts.get(newest) ?? 0) >= pageSize) newest++;
      page = newest;
      counts.set(page, (counts.get(page) ?? 0) + 1);
      added.set(item.id, page);
    }
    const items = byPage.get(page);
    if (items === undefined) byPage.set(page, [item]);
    else items.push(item);
  }
  const pages = [...byPage].sort(([a], [b]) => a - b).map(([number, items]) => ({ number, items }));
  return { pages, added };
}
