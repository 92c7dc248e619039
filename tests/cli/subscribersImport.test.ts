import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import type { SubscriberStatus } from '../../src/subscribers/subscriberStore.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

const mailchimp = resolve(import.meta.dirname, '../fixtures/subscribers/mailchimp.csv');

async function project() {
  const { configFile, dir, env, config } = await makeProject();
  const run = (...args: string[]) => runCli(['subscribers', ...args, '--config', configFile], { cwd: dir, env });
  /** Puts people straight into the state folder, at a known time, as earlier runs would have. */
  const seed = (people: Record<string, SubscriberStatus>) => {
    const db = openDatabase(config.paths.stateDir);
    const store = new SubscriberStore(db, () => new Date('2025-05-01T12:00:00Z'));
    for (const [email, status] of Object.entries(people)) {
      const { subscriber } = store.upsert(parseEmailAddress(email), status === 'pending' ? 'pending' : 'confirmed', 'web');
      if (status !== 'pending' && status !== 'confirmed') store.setStatus(subscriber.id, status);
    }
    db.close();
  };
  return { dir, run, seed };
}

describe('subscribers export and import', () => {
  it('moves a list to a fresh state folder with every status, date, name and attribute kept', async () => {
    const old = await project();
    expect((await old.run('import', mailchimp)).stdout).toBe('imported 3 new subscribers; 0 already there; 0 bad rows.\n');
    old.seed({ 'pending@example.org': 'pending', 'left@example.org': 'unsubscribed', 'gone@example.org': 'bounced' });
    const file = join(old.dir, 'export.csv');
    expect((await old.run('export', file)).code).toBe(0);
    const exported = await readFile(file, 'utf8');
    expect(exported.split('\n')[0]).toBe('email,status,source,created_at,confirmed_at,unsubscribed_at,bounced_at,name,first_name,last_name,topics,frequency,MEMBER_RATING,OPTIN_TIME,TAGS');
    expect(exported).toContain('gone@example.org,bounced,web,2025-05-01T12:00:00.000Z,2025-05-01T12:00:00.000Z,,2025-05-01T12:00:00.000Z,,,,,,,,\n');

    const fresh = await project();
    expect((await fresh.run('import', file)).stdout).toBe('imported 6 new subscribers; 0 already there; 0 bad rows.\n');
    expect((await fresh.run('export')).stdout).toBe(exported);
    expect((await fresh.run('list', '--status', 'confirmed')).stdout.split('\n').map((line) => line.split('\t')[0])).toEqual(['ann@example.org', 'bo@example.org', 'eve@example.org', '']);
  });

  it('keeps the status of a known address, except that a pending one the file says confirmed becomes confirmed', async () => {
    const { dir, run, seed } = await project();
    seed({ 'left@example.org': 'unsubscribed', 'gone@example.org': 'bounced', 'waiting@example.org': 'pending', 'ann@example.org': 'confirmed' });
    const file = join(dir, 'old-backup.csv');
    await writeFile(file, 'email,status\nleft@example.org,confirmed\ngone@example.org,confirmed\nwaiting@example.org,confirmed\nann@example.org,unsubscribed\nnew@example.org,pending\n');
    expect((await run('import', file)).stdout).toBe('imported 1 new subscriber; 4 already there (1 pending now confirmed); 0 bad rows.\n');
    const list = (await run('list')).stdout;
    expect(list.split('\n').map((line) => line.split('\t').slice(0, 2).join(' '))).toEqual([
      'left@example.org unsubscribed',
      'gone@example.org bounced',
      'waiting@example.org confirmed',
      'ann@example.org confirmed',
      'new@example.org pending',
      '',
    ]);
  });

  it('refuses a file whose header names no address column, in one line and without a stack trace', async () => {
    const { dir, run } = await project();
    const file = join(dir, 'people.csv');
    await writeFile(file, 'name,phone\nAnn,123\n');
    const result = await run('import', file);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('broadsheet: people.csv:1: the header row has no address column (it has "name", "phone"). Name the column of e-mail addresses "email" (or "Email Address", as Mailchimp does).');
  });
});
