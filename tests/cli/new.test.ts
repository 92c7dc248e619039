import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/article/timeZone.js';
import { runCli } from '../support/cli.js';

/** An empty site: a content folder, its own state, and a zone far from UTC so that "today" is the zone's. */
async function emptySite(timezone = 'Pacific/Kiritimati'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-new-'));
  await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ site: { timezone } }));
  return dir;
}

/** Today in the zone as YYYY-MM-DD, for each side of the command's run (which may cross midnight). */
function days(timeZone: string, instants: Date[]): string[] {
  return instants.map((instant) => {
    const { year, month, day } = calendarDay(instant, timeZone);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
}

interface JsonFeed {
  items: { title: string; tags?: string[]; date_published: string }[];
}

describe('broadsheet new', () => {
  it('writes a Markdown article dated today in site.timezone, prints its path, and build publishes it', async () => {
    const site = await emptySite();
    const before = new Date();
    const result = await runCli(['new', 'Night trains: "back" at last', '--tags', 'transport, europe'], { cwd: site });
    const after = new Date();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const path = result.stdout.trim();
    expect(days('Pacific/Kiritimati', [before, after]).map((day) => `content/${day}-night-trains-back-at-last.md`)).toContain(path);
    expect(await readdir(join(site, 'content'))).toEqual([path.slice('content/'.length)]);

    const build = await runCli(['build'], { cwd: site });
    expect(build.stderr).toBe('');
    expect(build.stdout).toMatch(/^published 1 article; /);
    const feed = JSON.parse(await readFile(join(site, 'out/feed.json'), 'utf8')) as JsonFeed;
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Night trains: "back" at last', tags: ['transport', 'europe'] });
    // Midnight in Kiritimati (UTC+14) is 10:00 UTC the day before: the date is the day there, not the machine's.
    const day = path.slice('content/'.length, 'content/YYYY-MM-DD'.length);
    expect(new Date(feed.items[0]?.date_published ?? '').getTime()).toBe(Date.parse(`${day}T00:00:00+14:00`));
  });

  it('writes the plain-text format with --txt, and build publishes it', async () => {
    const site = await emptySite('UTC');
    const result = await runCli(['new', 'School meals for all', '--txt'], { cwd: site });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^content\/\d{4}-\d{2}-\d{2}-school-meals-for-all\.txt$/);
    const build = await runCli(['build'], { cwd: site });
    expect(build.stdout).toMatch(/^published 1 article; /);
    const feed = JSON.parse(await readFile(join(site, 'out/feed.json'), 'utf8')) as JsonFeed;
    expect(feed.items.map((item) => item.title)).toEqual(['School meals for all']);
  });

  it('never replaces an article: the same title twice on one day exits 2 and leaves the first file as it was', async () => {
    const site = await emptySite('UTC');
    const first = await runCli(['new', 'Harbour news'], { cwd: site });
    const path = join(site, first.stdout.trim());
    await writeFile(path, 'edited\n');
    const second = await runCli(['new', 'Harbour news'], { cwd: site });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^broadsheet: content\/.*-harbour-news\.md: already exists; it was left as it is\. .*\n$/);
    expect(await readFile(path, 'utf8')).toBe('edited\n');
  });

  it('refuses tags in the plain-text format with one line naming the flag', async () => {
    const site = await emptySite('UTC');
    const result = await runCli(['new', 'Plain', '--txt', '--tags', 'x'], { cwd: site });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('broadsheet: --tags: a plain-text article has no front matter to hold tags. Leave out --txt to write Markdown, or leave out --tags.\n');
  });
});
