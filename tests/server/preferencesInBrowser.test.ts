import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/app.js';
import { silentLogger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import type { RunningServer } from '../../src/server/createServer.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { accessibilityViolations, browserForTests } from '../support/browser.js';
import { CHOICES } from '../support/choices.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

/** A day about a month ahead, as a date field takes it. */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe('the preferences page in a real browser', () => {
  const browser = browserForTests();
  let app: App;
  let server: RunningServer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let store: SubscriberStore;
  /** The local server's URL for a URL of the public site, where the pages and mails link. */
  const local = (where: string) => {
    const { pathname, search } = new URL(where, app.pages.site.url);
    return new URL(pathname + search, server.url).href;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    const project = await makeProject({ smtpUrl: sink.url, digest: CHOICES });
    app = await createApp(project.config, silentLogger, project.dir);
    await app.scan();
    server = await createServer({ outDir: project.config.paths.out, pages: app.pages, subscriptions: app.subscriptions, requestLimits: new RequestLimits(app.db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
    store = new SubscriberStore(app.db, () => new Date());
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await sink?.close();
  });

  it('subscribes with topics over HTTP, then changes topics, frequency and a pause from the link in the mail, without JavaScript', async () => {
    const page = await browser().newPage({ javaScriptEnabled: false });
    await page.goto(local('/'));
    await page.getByLabel('Your e-mail address').fill('reader@example.org');
    await page.getByLabel('Culture').check();
    await page.getByLabel('Transport').check();
    await page.getByLabel('daily').check();
    await page.getByRole('button', { name: 'Subscribe to the digest' }).click();
    await page.waitForURL(/\/subscribe$/);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    const reader = () => store.find(parseEmailAddress('reader@example.org'));
    expect(reader()).toMatchObject({ status: 'pending', topics: [{ tag: 'culture' }, { tag: 'transport' }], frequency: 'daily' });

    await expect.poll(() => sink.received.filter((mail) => mail.to.includes('reader@example.org')).length).toBe(1);
    const mail = await simpleParser(sink.received.find((received) => received.to.includes('reader@example.org'))?.raw ?? '');
    const confirm = /https:\/\/news\.example\.org\/confirm\?token=[\w.-]+/.exec(mail.text ?? '')?.[0] as string;
    await page.goto(local(confirm));
    const manage = /https:\/\/news\.example\.org\/preferences\?token=[\w.-]+/.exec(mail.text ?? '')?.[0] ?? '';
    expect(manage).not.toBe('');
    await page.goto(local(manage));
    expect(await page.locator('h1').textContent()).toBe('Your subscription to The Test Gazette');
    expect(await page.getByLabel('Culture').isChecked()).toBe(true);
    expect(await page.getByLabel('Local news').isChecked()).toBe(false);
    expect(await page.getByLabel('daily').isChecked()).toBe(true);

    await page.getByLabel('Transport').uncheck();
    await page.getByLabel('Local news').check();
    await page.getByLabel('weekly').check();
    await page.getByLabel('No digest until').fill(dayAhead(30));
    await page.getByRole('button', { name: 'Save my choices' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Your choices are saved.');
    expect(reader()).toMatchObject({ status: 'confirmed', topics: [{ tag: 'culture' }, { tag: 'local' }], frequency: 'weekly' });
    expect(reader()?.pausedUntil?.toISOString().slice(0, 10)).toBe(dayAhead(30));
    // The page shows what was saved.
    expect(await page.getByLabel('Local news').isChecked()).toBe(true);
    expect(await page.getByLabel('No digest until').inputValue()).toBe(dayAhead(30));
    await page.close();
  });

  it('passes axe-core at 375 and 1280 px, light and dark, and works with the keyboard alone', async () => {
    const { subscriber } = store.upsert(parseEmailAddress('keys@example.org'), 'confirmed', 'test');
    store.setChoices(subscriber.id, { topics: ['transport'] });
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const { preferencesToken } = await import('../../src/subscribers/subscriptions.js');
    const { TEST_SECRET } = await import('../support/project.js');
    await page.goto(local(`/preferences?token=${preferencesToken(subscriber.id, TEST_SECRET)}`));
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await accessibilityViolations(page), `${width} px, ${colorScheme}`).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
      }
    }
    await page.getByLabel('Culture').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save my choices' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    expect(store.get(subscriber.id)?.topics.map((topic) => topic.tag)).toEqual(['culture', 'transport']);
    // The note saying what happened is read in both schemes too.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await accessibilityViolations(page), `saved note, ${colorScheme}`).toEqual([]);
    }
    await page.close();
  });
});
