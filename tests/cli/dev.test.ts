import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserForTests } from '../support/browser.js';
import { runCli } from '../support/cli.js';
import type { DevProcess } from '../support/devProcess.js';
import { startDevProcess } from '../support/devProcess.js';
import { startSmtpSink } from '../support/smtpSink.js';

/** Bounded waits for what the dev server does in the background (a rebuild, a reload). */
const WAIT = { timeout: 20_000 };

describe('broadsheet dev', () => {
  const browser = browserForTests();
  let site = '';
  let dev: DevProcess;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    site = join(await mkdtemp(join(tmpdir(), 'broadsheet-dev-')), 'site');
    expect((await runCli(['init', site])).code).toBe(0);
    // A production address, and a real SMTP server in the environment: dev must use neither.
    const configFile = join(site, 'broadsheet.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as { site: Record<string, unknown> };
    config.site.url = 'https://news.example.org/';
    await writeFile(configFile, JSON.stringify(config, null, 2));
    await writeFile(join(site, 'content/2030-01-01-next-decade.md'), '---\ntitle: Next decade\ndate: 2030-01-01\n---\nLater.\n');
    await writeFile(join(site, 'content/unfinished.md'), '---\ntitle: Unfinished piece\ndate: 2026-01-02\ndraft: true\n---\nSoon.\n');
    sink = await startSmtpSink();
    dev = await startDevProcess(site, { SMTP_URL: sink.url, BROADSHEET_SECRET: 'a-production-secret-that-dev-must-not-use-0123' });
  });
  afterAll(async () => {
    expect(await dev.stop()).toBe(0);
    await sink.close();
  });

  it('serves the site built for its local address: every link, form and feed points at it', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await browser().newPage();
    await page.goto(dev.url);
    const links = await page.locator('a[href], link[href]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(link.startsWith(dev.url) || link.startsWith('/') || link.startsWith('#')).toBe(true);
    expect(await page.locator('form').getAttribute('action')).toBe('/subscribe');
    const rss = await (await fetch(new URL('rss.xml', dev.url))).text();
    expect(rss).toContain(`<link>${dev.url}</link>`);
    expect(rss).not.toContain('news.example.org');
    await page.close();
  });

  it('shows drafts and future articles, marked, and builds into its own folder', async () => {
    const index = await (await fetch(dev.url)).text();
    expect(index).toContain('[Draft] Unfinished piece');
    expect(index).toContain('[Scheduled] Next decade');
    expect(index).toContain('Welcome to your new site');
    expect(await readdir(site)).not.toContain('out');
    expect(await readdir(join(site, '.broadsheet/dev/out'))).toContain('index.html');
  });

  it('rebuilds when a file changes, and the page open in the browser reloads by itself', async () => {
    const page = await browser().newPage();
    await page.goto(dev.url);
    await page.waitForFunction("document.body.textContent.includes('Welcome to your new site')", undefined, WAIT);
    // Gone when the page reloads.
    await page.evaluate('window.notReloaded = true');
    const welcome = join(site, 'content/welcome.md');
    await writeFile(welcome, (await readFile(welcome, 'utf8')).replace('title: Welcome to your new site', 'title: Edited while dev ran'));
    await page.waitForFunction("document.body.textContent.includes('Edited while dev ran')", undefined, WAIT);
    expect(await page.evaluate<boolean | undefined>('window.notReloaded')).toBeUndefined();
    await page.close();
  });

  it('rebuilds when a template changes', async () => {
    const stylesheet = join(site, 'templates/feed.xsl');
    await writeFile(stylesheet, `${await readFile(stylesheet, 'utf8')}<!-- edited while dev ran -->\n`);
    await vi.waitFor(async () => expect(await (await fetch(new URL('feed.xsl', dev.url))).text()).toContain('<!-- edited while dev ran -->'), { ...WAIT, interval: 200 });
  });

  it('shows the next digest at /_digest', async () => {
    const page = await browser().newPage();
    await page.goto(new URL('_digest', dev.url).href);
    expect(await page.title()).toMatch(/new articles/);
    expect(await page.locator('body').textContent()).toContain('Edited while dev ran');
    await page.close();
  });

  it('takes a subscription through the form and puts its mail in /_inbox, never in a real mailbox', async () => {
    // The inbox is open before the mail exists: it must reload by itself when the mail arrives.
    const inbox = await browser().newPage();
    await inbox.goto(new URL('_inbox', dev.url).href);
    const page = await browser().newPage();
    await page.goto(dev.url);
    await page.getByLabel('Your e-mail address').fill('dev.reader@example.org');
    await page.getByRole('button', { name: 'Subscribe to the digest' }).click();
    await page.waitForURL(/\/subscribe$/, WAIT);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    await page.close();
    const mail = inbox.locator('article', { hasText: 'To dev.reader@example.org' });
    await mail.waitFor(WAIT).catch((error: unknown) => {
      throw new Error(`no mail in the inbox; dev printed:\n${dev.output()}`, { cause: error });
    });
    const confirm = mail.locator('a[href*="/confirm?token="]');
    expect(await confirm.getAttribute('href')).toMatch(new RegExp(`^${dev.url}confirm\\?token=`));
    await confirm.click();
    await inbox.waitForURL(/\/confirm\?token=/, WAIT);
    expect(await inbox.locator('h1').textContent()).toBe('You are subscribed');
    expect(sink.recipients()).toEqual([]);
    await inbox.close();
  });
});
