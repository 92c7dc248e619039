import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/app.js';
import type { ResolvedConfig } from '../../src/config/resolvedConfig.js';
import { silentLogger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import type { RunningServer } from '../../src/server/createServer.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { signToken } from '../../src/subscribers/tokens.js';
import { browserForTests, contrastFailures } from '../support/browser.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

/**
 * The sample content with two articles a page, so the index has a page 2 and the tags pages of their own;
 * served by the real server and the app's subscriptions, with one digest sent (to a real SMTP server on
 * 127.0.0.1) so that the archive holds an issue.
 */
async function startThemeSite() {
  const sink = await startSmtpSink();
  const project = await makeProject({ smtpUrl: sink.url });
  const config: ResolvedConfig = { ...project.config, site: { ...project.config.site, pageSize: 2 } };
  const app: App = await createApp(config, silentLogger, project.dir);
  await app.scan();
  const store = new SubscriberStore(app.db, () => new Date());
  const reader = store.upsert(parseEmailAddress('reader@example.org'), 'confirmed', 'test').subscriber;
  await app.sendDigest(new AbortController().signal, config.digest.defaultFrequency);
  const left = store.upsert(parseEmailAddress('left@example.org'), 'confirmed', 'test').subscriber;
  store.setStatus(left.id, 'unsubscribed');
  const server: RunningServer = await createServer({ outDir: config.paths.out, pages: app.pages, subscriptions: app.subscriptions, requestLimits: new RequestLimits(app.db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
  const feed = JSON.parse(await readFile(join(config.paths.out, 'feed.json'), 'utf8')) as { items: { url: string; title: string }[] };
  const first = feed.items[0] as { url: string; title: string };
  const confirmToken = (id: number) => signToken({ purpose: 'confirm', subscriberId: id, expiresAt: undefined }, TEST_SECRET);
  return {
    sink,
    store,
    /** A URL of the local server for a path, or for a URL of the public site (where the pages link). */
    url(where: string) {
      const { pathname, search } = new URL(where, config.site.url);
      return new URL(pathname + search, server.url).href;
    },
    origin: new URL(server.url).origin,
    publicOrigin: new URL(config.site.url).origin,
    firstArticle: { path: new URL(first.url).pathname, title: first.title },
    confirmLink: confirmToken(reader.id),
    leftConfirmLink: confirmToken(left.id),
    unsubscribeLink: unsubscribeToken(reader.id, TEST_SECRET),
    async close() {
      await server.close();
      await app.close();
      await sink.close();
    },
  };
}

type ThemeSite = Awaited<ReturnType<typeof startThemeSite>>;

/** Opens one kind of page the way a reader reaches it. */
type Opener = (page: Page, site: ThemeSite) => Promise<unknown>;

const visit = (path: string | ((site: ThemeSite) => string)): Opener => (page, site) => page.goto(site.url(typeof path === 'string' ? path : path(site)));

const submitForm = (address: string): Opener => async (page, site) => {
  await page.goto(site.url('/'));
  await page.getByLabel('Your e-mail address').fill(address);
  await page.getByRole('button', { name: 'Subscribe to the digest' }).click();
  await page.waitForURL(/\/subscribe$/);
};

/** What shows that the page opened is the one meant: its <h1>, or the title of a page without one (a digest). */
type Shows = { heading: string | ((site: ThemeSite) => string) } | { title: string };

const PAGE_KINDS: [string, Opener, Shows][] = [
  ['the index', visit('/'), { heading: 'Latest articles' }],
  ['page 2 of the index', visit('/page/2/'), { heading: 'Latest articles' }],
  ['an article', visit((site) => site.firstArticle.path), { heading: (site) => site.firstArticle.title }],
  ['a tag page', visit('/tags/transport/'), { heading: 'Articles tagged “transport”' }],
  ['the digest archive', visit('/archive/'), { heading: 'Past issues of The Test Gazette' }],
  ['a digest in the archive', visit('/archive/1/'), { title: 'The Test Gazette: 6 new articles' }],
  ['the answer to the subscribe form', submitForm('new.reader@example.org'), { heading: 'Check your inbox' }],
  ['the answer to a mistyped address', submitForm('new.reader@example'), { heading: 'Please check your input' }],
  ['the confirmed page', visit((site) => `/confirm?token=${site.confirmLink}`), { heading: 'You are subscribed' }],
  ['the page of a confirmation link replayed after leaving', visit((site) => `/confirm?token=${site.leftConfirmLink}`), { heading: 'You had unsubscribed' }],
  ['the unsubscribe page of a link', visit((site) => `/unsubscribe?token=${site.unsubscribeLink}`), { heading: 'Unsubscribe from The Test Gazette?' }],
  ['the unsubscribe page without a link', visit('/unsubscribe'), { heading: 'How to unsubscribe' }],
  ['an error page (not found)', visit('/no/such/page/'), { heading: 'Not found' }],
  ['an error page (a broken link)', visit('/confirm?token=broken'), { heading: 'This link does not work' }],
];

/**
 * The links of the page to other pages of the site, public-site URLs taken as the local server's; not those
 * within the page (the skip link), which answer what the page itself answered (a 404 page's is a 404).
 */
async function siteLinks(page: Page, site: ThemeSite): Promise<string[]> {
  const here = page.url().split('#')[0] as string;
  const hrefs = (await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))).map((href) => new URL(href, here).href);
  const pages = hrefs.map((href) => href.split('#')[0] as string).filter((href) => href !== here && [site.origin, site.publicOrigin].includes(new URL(href).origin));
  return [...new Set(pages.map(site.url))];
}

describe('the default theme in a real browser', () => {
  const browser = browserForTests();
  let site: ThemeSite;
  const checkedLinks = new Map<string, number>();

  beforeAll(async () => {
    site = await startThemeSite();
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it.each(PAGE_KINDS)('shows %s at 375 and 1280 px, light and dark: no sideways scroll, enough contrast, links that work', async (_kind, open, shows) => {
    const page = await browser().newPage({ viewport: { width: WIDTHS[0], height: 800 } });
    await open(page, site);
    if ('title' in shows) expect(await page.title()).toBe(shows.title);
    else expect(await page.locator('h1').textContent()).toBe(typeof shows.heading === 'string' ? shows.heading : shows.heading(site));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const overflow = await page.evaluate<{ scrollWidth: number; clientWidth: number }>('({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })');
        expect(overflow.scrollWidth, `${width} px, ${colorScheme}`).toBeLessThanOrEqual(overflow.clientWidth);
        expect(await contrastFailures(page), `${width} px, ${colorScheme}`).toEqual([]);
      }
    }
    for (const link of await siteLinks(page, site)) {
      if (!checkedLinks.has(link)) checkedLinks.set(link, (await fetch(link)).status);
      expect(checkedLinks.get(link), link).toBe(200);
    }
    await page.close();
  });

  it('subscribes a reader end to end: the form, the confirmation mail, its link, the confirmed page', async () => {
    const page = await browser().newPage();
    await page.goto(site.url('/'));
    await page.getByLabel('Your e-mail address').fill('browser.reader@example.org');
    await page.getByRole('button', { name: 'Subscribe to the digest' }).click();
    await page.waitForURL(/\/subscribe$/);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    await expect.poll(() => site.sink.received.filter((mail) => mail.to.includes('browser.reader@example.org')).length).toBe(1);
    const mail = await simpleParser(site.sink.received.find((mail) => mail.to.includes('browser.reader@example.org'))?.raw ?? '');
    const link = /https:\/\/news\.example\.org\/confirm\?token=[\w.-]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(site.url(link as string));
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');
    expect(site.store.find(parseEmailAddress('browser.reader@example.org'))?.status).toBe('confirmed');
    await page.close();
  });
});
