import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/delivery/outbox.js';
import { openDatabase } from '../../src/store/database.js';
import { recordDigest } from '../../src/store/digestLog.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { reportMail } from '../support/reportMails.js';

describe('broadsheet inbound read, digest stats, subscribers show', () => {
  it('read an mbox of reports once, and show the figures and one address history', async () => {
    const project = await makeProject({ email: { bounceAddress: 'bounces@news.example.org' } });
    const db = openDatabase(project.config.paths.stateDir);
    const store = new SubscriberStore(db, () => new Date('2026-11-24T08:00:00Z'));
    for (const email of ['ann@example.net', 'bob@example.net']) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    recordDigest(db, { number: 1, createdAt: new Date('2026-11-25T08:00:00Z'), frequency: 'default', editions: [{ edition: 1, subject: 'The Test Gazette: 3 new articles', html: 'x', text: 'x', articles: [] }] });
    enqueue(db, 1, [1, 2].map((id) => ({ subscriberId: id, messageId: `<digest-1.subscriber-${id}@news.example.org>`, edition: 1 })), new Date('2026-11-25T08:00:00Z'));
    db.close();
    const mbox = join(project.dir, 'bounces.mbox');
    const entry = (name: string, row: { digestNumber: number; subscriberId: number; recipient: string }) => `From MAILER-DAEMON Wed Nov 25 08:01:12 2026\n${reportMail(name, row).toString().replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`;
    await writeFile(mbox, entry('gmail-address-not-found.eml', { digestNumber: 1, subscriberId: 1, recipient: 'ann@example.net' }) + entry('outlook-automatic-reply.eml', { digestNumber: 1, subscriberId: 2, recipient: 'bob@example.net' }));
    const options = { cwd: project.dir, env: project.env };
    const read = await runCli(['inbound', 'read', 'bounces.mbox', '--config', project.configFile], options);
    expect(read).toMatchObject({ code: 0, stdout: 'hard-bounce: 1, ignored auto-reply: 1\n' });
    expect((await runCli(['inbound', 'read', 'bounces.mbox', '--config', project.configFile], options)).stdout).toBe('duplicate: 1, ignored auto-reply: 1\n');
    const stats = await runCli(['digest', 'stats', '--config', project.configFile], options);
    expect(stats.stdout.split('\n')[0]).toMatch(/^digest\s+date\s+queued\s+sent\s+deferred\s+failed\s+bounced\s+hard\s+soft\s+complained\s+unsubscribed$/);
    expect(stats.stdout.split('\n')[1]).toMatch(/^1\s+2026-11-25\s+2\s+0\s+0\s+0\s+1\s+1\s+0\s+0\s+0$/);
    const show = await runCli(['subscribers', 'show', 'ann@example.net', '--config', project.configFile], options);
    expect(show.stdout).toMatch(/^ann@example\.net: bounced\n/);
    expect(show.stdout).toMatch(/hard-bounce by mail, digest 1: 5\.1\.1 550-5\.1\.1 The email account/);
  });
});
