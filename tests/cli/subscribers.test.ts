import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { refusingSmtpUrl } from '../support/stalledServer.js';
import { openDatabase } from '../../src/store/database.js';

const csv = resolve(import.meta.dirname, '../fixtures/subscribers/import.csv');

describe('broadsheet subscribers', () => {
  it('imports the good rows of a CSV, reports the bad ones by line, and is idempotent', async () => {
    const { configFile, dir, env } = await makeProject();
    const run = (...args: string[]) => runCli(['subscribers', ...args, '--config', configFile], { cwd: dir, env });
    const first = await run('import', csv);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('imported 2 new subscribers; 1 already there; 2 bad rows.');
    expect(first.stderr).toMatch(/import\.csv:3: email: "not-an-address" is not an e-mail address/);
    expect(first.stderr).toMatch(/import\.csv:6: email: "" is not an e-mail address/);
    const second = await run('import', csv);
    expect(second.stdout).toContain('imported 0 new subscribers; 3 already there; 2 bad rows.');
    const list = await run('list', '--status', 'confirmed');
    expect(list.stdout).toBe('ann@example.org\tconfirmed\t' + new Date().toISOString().slice(0, 10) + '\nBOB@example.org\tconfirmed\t' + new Date().toISOString().slice(0, 10) + '\n');
  });

  it('adds, removes and exports, keeping the record of who left', async () => {
    const { configFile, dir, env } = await makeProject();
    const run = (...args: string[]) => runCli(['subscribers', ...args, '--config', configFile], { cwd: dir, env });
    expect((await run('add', 'cy@example.org', '--confirmed')).stdout).toBe('cy@example.org is confirmed.\n');
    expect((await run('remove', 'CY@example.org')).stdout).toBe('cy@example.org is unsubscribed.\n');
    const exported = await run('export');
    expect(exported.stdout).toMatch(/^email,status,source,created_at,confirmed_at,unsubscribed_at,bounced_at,name,first_name,last_name,topics,frequency\ncy@example\.org,unsubscribed,cli,/);
    expect((await run('remove', 'nobody@example.org')).code).toBe(2);
    const back = await run('add', 'cy@example.org', '--confirmed');
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('cy@example.org is unsubscribed: they can only come back by subscribing again themselves.');
  });

  it('sends a confirmation mail when adding without --confirmed', async () => {
    const sink = await startSmtpSink();
    const { configFile, dir, env } = await makeProject({ smtpUrl: sink.url });
    const result = await runCli(['subscribers', 'add', 'dee@example.org', '--config', configFile], { cwd: dir, env });
    await sink.close();
    expect(result.stdout).toBe('dee@example.org: pending; a confirmation mail was sent.\n');
    expect(sink.recipients()).toEqual(['dee@example.org']);
  });

  it('queues the confirmation mail and says so when the SMTP server cannot be reached, without a stack trace', async () => {
    const { configFile, dir, env, config } = await makeProject({ smtpUrl: await refusingSmtpUrl() });
    const result = await runCli(['subscribers', 'add', 'eve@example.org', '--config', configFile], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^eve@example\.org: pending; the confirmation mail could not be sent \(connection refused to 127\.0\.0\.1:\d+\), so it is queued: `broadsheet serve` or `start` sends it once the mail server answers\.\n$/);
    const db = openDatabase(config.paths.stateDir);
    expect(db.prepare('SELECT recipient, status, attempts FROM confirmation_mails').all()).toEqual([{ recipient: 'eve@example.org', status: 'queued', attempts: 1 }]);
    db.close();
  });
});

describe('broadsheet subscribers, with topics and frequencies', () => {
  const digest = { topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport' }], frequencies: { weekly: '0 8 * * 1', daily: '0 7 * * *' } };

  it('adds with --topics and --frequency, refuses what the site does not offer naming the flag, and shows the choices', async () => {
    const { configFile, dir, env } = await makeProject({ digest });
    const run = (...args: string[]) => runCli(['subscribers', ...args, '--config', configFile], { cwd: dir, env });
    expect((await run('add', 'ann@example.org', '--confirmed', '--topics', 'culture, Transport', '--frequency', 'daily')).code).toBe(0);
    expect((await run('show', 'ann@example.org')).stdout.split('\n').slice(0, 2)).toEqual(['ann@example.org: confirmed', 'topics: culture, transport · frequency: daily']);
    const sport = await run('add', 'bob@example.org', '--confirmed', '--topics', 'sport');
    expect(sport.code).toBe(2);
    expect(sport.stderr.trim()).toBe('broadsheet: topics: "sport" is not a topic of this site. Choose among culture, transport, or none for every article.');
    const hourly = await run('add', 'bob@example.org', '--confirmed', '--frequency', 'hourly');
    expect(hourly.stderr.trim()).toBe('broadsheet: frequency: "hourly" is not a frequency of this site. Choose weekly or daily.');
    expect((await run('add', 'bob@example.org', '--confirmed')).code).toBe(0);
    expect((await run('show', 'bob@example.org')).stdout).toContain('\ntopics: every article · frequency: weekly (the default)\n');
  });

  it('exports and imports topics and frequency; a row with an unknown one is a bad row; a known address keeps its own, and who left stays out', async () => {
    const { configFile, dir, env } = await makeProject({ digest });
    const run = (...args: string[]) => runCli(['subscribers', ...args, '--config', configFile], { cwd: dir, env });
    await run('add', 'ann@example.org', '--confirmed', '--topics', 'culture', '--frequency', 'daily');
    await run('add', 'left@example.org', '--confirmed');
    await run('remove', 'left@example.org');
    const file = resolve(dir, 'list.csv');
    await writeFile(file, [
      'email,status,topics,frequency',
      'ann@example.org,confirmed,transport,weekly',
      'left@example.org,confirmed,culture,daily',
      'new@example.org,confirmed,"culture,transport",daily',
      'odd@example.org,confirmed,sport,',
      'odder@example.org,confirmed,,hourly',
      '',
    ].join('\n'));
    const imported = await run('import', file);
    expect(imported.stdout).toBe('imported 1 new subscriber; 2 already there; 2 bad rows.\n');
    expect(imported.stderr).toContain('list.csv:5: topics: "sport" is not a topic of this site.');
    expect(imported.stderr).toContain('list.csv:6: frequency: "hourly" is not a frequency of this site.');
    const rows = (await run('export')).stdout.split('\n').map((line) => line.split(',').filter((_, i) => i === 0 || i === 1).join(' ') + ' | ' + /,("[^"]*"|[^,]*),([^,]*)$/.exec(line)?.slice(1).join(' '));
    expect(rows.slice(0, 4)).toEqual([
      'email status | topics frequency',
      'ann@example.org confirmed | culture daily',
      'left@example.org unsubscribed | culture daily',
      'new@example.org confirmed | "culture,transport" daily',
    ]);
  });
});
