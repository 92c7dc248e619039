import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { FIRST_NAME_PLACEHOLDER } from '../../src/digest/personaliseDigest.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseSubscribersCsv } from '../../src/subscribers/csv.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { REPO_ROOT } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const now = () => new Date('2026-11-25T08:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The sample templates, greeting the reader by name in both parts. */
async function greetingTemplates(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'broadsheet-templates-')), 'templates');
  await cp(join(REPO_ROOT, 'templates'), dir, { recursive: true });
  const header = join(dir, 'partials/header.mjml');
  await writeFile(header, `${await readFile(header, 'utf8')}<mj-section><mj-column><mj-text>Hello {{subscriber.firstName}}!</mj-text></mj-column></mj-section>\n`);
  const text = join(dir, 'digest.txt');
  await writeFile(text, `Dear {{subscriber.name}},\n${await readFile(text, 'utf8')}`);
  return dir;
}

/** Undoes quoted-printable: the mail is ASCII, its =XX escapes UTF-8 bytes. */
const decoded = (raw: string) => Buffer.from(raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8');

describe('names from an imported list in the digest', () => {
  it('greets each subscriber by the name their list gave, escaped, filled in after the one MJML render', async () => {
    const sink = await startSmtpSink();
    const { config } = await makeProject({ smtpUrl: sink.url, templates: await greetingTemplates() });
    const db = openDatabase(config.paths.stateDir);
    cleanups.push(() => void db.close(), () => sink.close());
    const store = new SubscriberStore(db, now);
    const list = `${await readFile(resolve(import.meta.dirname, '../fixtures/subscribers/mailchimp.csv'), 'utf8')}zoe@example.org,Zoë & <Co>,,,,\n`;
    for (const row of parseSubscribersCsv(list, 'mailchimp.csv', 'import', config.digest).rows) store.importSubscriber(row);

    const report = await sendDigest(config, { db, createMailer: () => createSmtpMailer(config.email), now, sleep: async () => {}, displayRoot: REPO_ROOT, onProgress: () => {} }, { dryRun: false });
    expect(report).toMatchObject({ kind: 'sent', passes: [{ complete: true, summary: { sent: 4 } }] });
    // One render for everyone: the stored digest's one edition holds the placeholder, each copy its own name.
    expect(db.prepare('SELECT html FROM digest_editions').pluck().all()).toEqual([expect.stringContaining(FIRST_NAME_PLACEHOLDER)]);
    const mailTo = (address: string) => decoded(sink.received.find((mail) => mail.to.includes(address))?.raw ?? '');
    expect(mailTo('ann@example.org')).toContain('Hello Ann!');
    expect(mailTo('ann@example.org')).toContain('Dear Ann Ahl,');
    expect(mailTo('eve@example.org')).toContain('Hello Eve Marie!');
    expect(mailTo('bo@example.org')).toContain('Hello !');
    expect(mailTo('zoe@example.org')).toContain('Hello Zoë &amp; &lt;Co&gt;!');
    expect(mailTo('zoe@example.org')).toContain('Dear Zoë & <Co>,');
    for (const mail of sink.received) expect(mail.raw).not.toContain('BROADSHEET_SUBSCRIBER');
  });
});
