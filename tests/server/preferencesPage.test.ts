import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { preferencesToken, unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { refusingSmtpUrl } from '../support/stalledServer.js';
import { CHOICES } from '../support/choices.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** 25 November 2026, 08:00 in London: a pause may end from 26 November 2026 to 26 November 2027. */
const now = () => new Date('2026-11-25T08:00:00Z');

async function startService() {
  const project = await makeProject({ smtpUrl: await refusingSmtpUrl(), digest: CHOICES });
  const config = { ...project.config, site: { ...project.config.site, timezone: 'Europe/London' } };
  const app = await createApp(config, silentLogger, project.dir, now);
  const server = await createServer({ outDir: config.paths.out, pages: app.pages, subscriptions: app.subscriptions, requestLimits: new RequestLimits(app.db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
  cleanups.push(() => app.close(), () => server.close());
  const store = new SubscriberStore(app.db, now);
  const { subscriber } = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
  store.setChoices(subscriber.id, { topics: ['culture'], frequency: 'daily' });
  const token = preferencesToken(subscriber.id, TEST_SECRET);
  const url = (path: string) => new URL(path, server.url).href;
  const save = (fields: [string, string][]) => fetch(url('preferences'), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { url, store, id: subscriber.id, token, save };
}

describe('the preferences page', () => {
  it("shows the subscriber's topics, frequency and pause, with the token in the form and not in the form's address", async () => {
    const { url, token, id } = await startService();
    const answer = await fetch(url(`preferences?token=${token}`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const html = await answer.text();
    expect(html).toContain('<h1>Your subscription to The Test Gazette</h1>');
    expect(html).toContain('For ann@example.org.');
    expect(html).toContain('<form class="preferences" method="post" action="/preferences">');
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(html).toContain('<input type="checkbox" name="topics" value="culture" checked> Culture');
    expect(html).toContain('<input type="checkbox" name="topics" value="transport"> Transport');
    expect(html).toContain('<input type="radio" name="frequency" value="daily" checked> daily');
    expect(html).toContain('<input id="paused-until" name="pausedUntil" type="date" value="" min="2026-11-26" max="2027-11-26"');
    expect(html).toContain(`action="/unsubscribe?token&#x3D;${unsubscribeToken(id, TEST_SECRET)}"`);
  });

  it('saves topics, frequency and a pause (until the start of that day in the site’s zone), and clears the pause', async () => {
    const { store, id, token, save } = await startService();
    const saved = await save([['token', token], ['topics', 'transport'], ['topics', 'local'], ['frequency', 'weekly'], ['pausedUntil', '2026-12-24']]);
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('<p class="note" role="status">Your choices are saved.</p>');
    expect(html).toContain('value="2026-12-24"');
    expect(store.get(id)).toMatchObject({ topics: [{ tag: 'local' }, { tag: 'transport' }], frequency: 'weekly', pausedUntil: new Date('2026-12-24T00:00:00Z') });
    // No box ticked is every article; an empty date resumes.
    await save([['token', token], ['frequency', 'daily'], ['pausedUntil', '']]);
    expect(store.get(id)).toMatchObject({ topics: [], frequency: 'daily', pausedUntil: undefined });
  });

  it('refuses a day that is not after today or is more than a year away, and a choice the site does not offer, naming the field and changing nothing', async () => {
    const { store, id, token, save } = await startService();
    const cases: [[string, string][], string][] = [
      [[['pausedUntil', '2026-11-25']], 'pausedUntil: &quot;2026-11-25&quot; is not after today.'],
      [[['pausedUntil', '2027-11-27']], 'pausedUntil: &quot;2027-11-27&quot; is more than a year away.'],
      [[['pausedUntil', '2026-02-30']], 'pausedUntil: &quot;2026-02-30&quot; is not a date.'],
      [[['topics', 'sport']], 'topics: &quot;sport&quot; is not a topic of this site.'],
      [[['frequency', 'hourly']], 'frequency: &quot;hourly&quot; is not a frequency of this site.'],
    ];
    for (const [fields, message] of cases) {
      const answer = await save([['token', token], ...fields]);
      expect(answer.status).toBe(400);
      const html = await answer.text();
      expect(html).toContain(`<p class="note" role="alert">${message}`);
      // The form again, as stored.
      expect(html).toContain('value="culture" checked');
    }
    expect(store.get(id)).toMatchObject({ topics: [{ tag: 'culture' }], frequency: 'daily', pausedUntil: undefined });
  });

  it('changes nothing for a request without the signed token in its body: a form on another site cannot know it', async () => {
    const { url, store, id, token, save } = await startService();
    expect((await save([['topics', 'transport']])).status).toBe(400);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await save([['token', forged], ['topics', 'transport']])).status).toBe(400);
    // A token in the address alone is not enough to change anything.
    const inUrl = await fetch(url(`preferences?token=${token}`), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'topics=transport' });
    expect(inUrl.status).toBe(400);
    // An unsubscribe token is not a preferences token.
    expect((await save([['token', unsubscribeToken(id, TEST_SECRET)], ['topics', 'transport']])).status).toBe(400);
    expect(store.get(id)?.topics.map((topic) => topic.tag)).toEqual(['culture']);
  });

  it('unsubscribes from its second form, then says so and offers the subscribe form; without a token it says where the link is', async () => {
    const { url, store, id, token } = await startService();
    const html = await (await fetch(url(`preferences?token=${token}`))).text();
    const action = /<form method="post" action="([^"]+)">\n<input type="hidden" name="List-Unsubscribe" value="One-Click">/.exec(html)?.[1] ?? '';
    const left = await fetch(url(action.replaceAll('&#x3D;', '=')), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(left.status).toBe(200);
    expect(store.get(id)?.status).toBe('unsubscribed');
    const after = await (await fetch(url(`preferences?token=${token}`))).text();
    expect(after).toContain('ann@example.org is unsubscribed from The Test Gazette');
    expect(after).toContain('value="ann@example.org"');
    const help = await fetch(url('preferences'));
    expect(help.status).toBe(200);
    expect(await help.text()).toContain('<h1>How to manage your subscription</h1>');
    expect((await fetch(url('preferences?token=broken'))).status).toBe(400);
  });
});
