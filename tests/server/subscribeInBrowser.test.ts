import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { subscriptionsFor } from '../../src/app.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { silentLogger } from '../../src/log/logger.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { createServer } from '../../src/server/createServer.js';
import { openTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { launchChromium } from '../support/chromium.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { confirmationMailFor, sitePagesFor } from '../support/templates.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

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
    const db = openTempDatabase();
    store = new SubscriberStore(db, () => new Date());
    const { config } = project;
    const { subscriptions, confirmations } = subscriptionsFor(config, { db, mailer, secret: TEST_SECRET, logger: silentLogger, now: () => new Date(), confirmationMail: await confirmationMailFor(config.site) });
    const server = await createServer({ outDir: config.paths.out, pages: await sitePagesFor(config.site), subscriptions, requestLimits: new RequestLimits(db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
    siteUrl = server.url;
    // Built for the public site URL (news.example.org): the form still posts to the server that served it.
    await buildSite(config, { now: new Date(), displayRoot: project.dir });
    browser = await launchChromium();
    closers.push(() => browser.close(), () => server.close(), () => confirmations.stop(), () => mailer.close(), () => sink.close());
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
    await expect.poll(() => sink.recipients()).toEqual(['browser.reader@example.org']);
    await page.close();
  });

  it('unsubscribes from the page an unsubscribe link opens, with the keyboard alone', async () => {
    const { subscriber } = store.upsert(parseEmailAddress('leaving@example.org'), 'confirmed', 'test');
    const page = await browser.newPage();
    await page.goto(new URL(`unsubscribe?token=${unsubscribeToken(subscriber.id, TEST_SECRET)}`, siteUrl).href);
    expect(store.find(parseEmailAddress('leaving@example.org'))?.status).toBe('confirmed');
    // The skip link, the site's name, then the button.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Yes, unsubscribe me');
    // The answer comes back on the same URL, so wait for the heading rather than for a navigation.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are unsubscribed');
    expect(store.find(parseEmailAddress('leaving@example.org'))?.status).toBe('unsubscribed');
    await page.close();
  });

  it('shows a feed opened in the browser as a page that explains what to do with it', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('rss.xml', siteUrl).href);
    expect(await page.locator('h1').textContent()).toBe('The Test Gazette');
    expect(await page.locator('.help').textContent()).toContain('Copy this page\'s address into your feed reader');
    await page.close();
  });

  it.each(['rss.xml', 'atom.xml'])('shows each item of %s with its date as people read it and its summary', async (feed) => {
    const page = await browser.newPage();
    await page.goto(new URL(feed, siteUrl).href);
    const first = page.locator('li').first();
    expect(await first.locator('small').textContent()).toBe('25 October 2026');
    expect(await first.locator('p').textContent()).toBe('Every primary school pupil in the district will receive a free hot lunch from January, the education committee announced on Friday.');
    await page.close();
  });

  it('dates the items of a French site’s feeds with French month names', async () => {
    const project = await makeProject();
    const config = { ...project.config, site: { ...project.config.site, language: 'fr' } };
    await buildSite(config, { now: new Date(), displayRoot: project.dir });
    const french = await createServer({ outDir: config.paths.out, pages: await sitePagesFor(config.site), subscriptions: undefined, requestLimits: new RequestLimits(openTempDatabase()), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
    closers.push(() => french.close());
    const page = await browser.newPage();
    for (const feed of ['rss.xml', 'atom.xml']) {
      await page.goto(new URL(feed, french.url).href);
      expect(await page.locator('li small').first().textContent()).toBe('25 octobre 2026');
    }
    await page.close();
  });
});
