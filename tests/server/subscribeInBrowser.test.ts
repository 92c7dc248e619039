import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { confirmationSender } from '../../src/delivery/confirmationSender.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { silentLogger } from '../../src/log/logger.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { createServer } from '../../src/server/createServer.js';
import { openMemoryDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { Subscriptions } from '../../src/subscribers/subscriptions.js';
import { launchChromium } from '../support/browser.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

describe('the site in a real browser', () => {
  let browser: Browser;
  const closers: (() => unknown)[] = [];
  let siteUrl = '';
  let store: SubscriberStore;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const project = await makeProject({ smtpUrl: sink.url });
    const mailer = await createSmtpMailer(project.config.email);
    store = new SubscriberStore(openMemoryDatabase(), () => new Date());
    const { config } = project;
    const subscriptions = new Subscriptions({ store, mailer: confirmationSender(mailer, config.email, () => new Date()), site: config.site, secret: TEST_SECRET, now: () => new Date() });
    const server = await createServer({ outDir: config.paths.out, site: config.site, subscriptions, logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
    siteUrl = server.url;
    // The index page's form posts to the site URL: build it for the address this server got.
    await buildSite({ ...config, site: { ...config.site, url: siteUrl } }, { now: new Date(), displayRoot: project.dir });
    browser = await launchChromium();
    closers.push(() => browser.close(), () => server.close(), () => mailer.close(), () => sink.close());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('offers the feeds to readers and a labelled subscribe form that works with the keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(siteUrl);
    const alternates = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((l) => l.getAttribute('type')));
    expect(alternates).toEqual(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);
    expect(await page.getByLabel('Your e-mail address').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    await page.getByLabel('Your e-mail address').focus();
    await page.keyboard.type('browser.reader@example.org');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Subscribe to the digest');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/subscribe$/);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    expect(store.find(parseEmailAddress('browser.reader@example.org'))?.status).toBe('pending');
    expect(sink.recipients()).toEqual(['browser.reader@example.org']);
    await page.close();
  });

  it('shows a feed opened in the browser as a page that explains what to do with it', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('rss.xml', siteUrl).href);
    expect(await page.locator('h1').textContent()).toBe('The Test Gazette');
    expect(await page.locator('.help').textContent()).toContain('Copy this page\'s address into your feed reader');
    await page.close();
  });
});
