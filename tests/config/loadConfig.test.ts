import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { BroadsheetError } from '../../src/errors.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/config');

function configError(run: () => unknown): BroadsheetError {
  try {
    run();
  } catch (error) {
    if (error instanceof BroadsheetError) return error;
    throw error;
  }
  throw new Error('expected a BroadsheetError');
}

describe('loadConfig', () => {
  it('runs on the embedded defaults when there is no config file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    const config = loadConfig({ cwd, env: {} });
    expect(config.configFile).toBeUndefined();
    expect(config.site.url).toBe('http://127.0.0.1:8080/');
    expect(config.site.description).not.toBe('');
    expect(config.feeds.limit).toBe(50);
    expect(config.paths.content).toBe(join(cwd, 'content'));
    expect(config.paths.out).toBe(join(cwd, 'out'));
    // Queue lifetime as MTAs keep mail (3 days), SMTP waits far below nodemailer's minutes, retries every 15 minutes.
    expect(config.email).toMatchObject({ retryFor: 259_200, timeout: 60 });
    // A worker's batch keeps a pool of 5 busy for a while; a dead worker's claim lapses in 5 minutes.
    expect(config.email).toMatchObject({ batchSize: 100, claimTimeout: 300 });
    expect(config.schedule.retry).toBe('*/15 * * * *');
  });

  it('reads broadsheet.config.json, resolving its paths against the file and adding a slash to the site URL', () => {
    const dir = join(fixtures, 'valid');
    const config = loadConfig({ cwd: '/', env: {}, configFile: join(dir, 'broadsheet.config.json') });
    expect(config.site.title).toBe('The Daily Fixture');
    expect(config.site.url).toBe('https://news.example.org/daily/');
    expect(config.paths.content).toBe(join(dir, 'articles'));
    expect(config.paths.out).toBe(join(dir, 'public'));
    expect(config.feeds.limit).toBe(20);
    expect(config.feeds.tagFeeds).toBe(true);
  });

  it('lets --content and --out win over the file, relative to the working directory', () => {
    const config = loadConfig({ cwd: join(fixtures, 'valid'), env: {}, overrides: { content: 'x', out: '/tmp/y' } });
    expect(config.paths.content).toBe(join(fixtures, 'valid', 'x'));
    expect(config.paths.out).toBe('/tmp/y');
  });

  it('takes SMTP_URL and BROADSHEET_SECRET from the environment only', () => {
    const config = loadConfig({ cwd: join(fixtures, 'valid'), env: { SMTP_URL: 'smtp://u:p@mail:587', BROADSHEET_SECRET: 's3cret' } });
    expect(config.email.smtpUrl).toBe('smtp://u:p@mail:587');
    expect(config.secret).toBe('s3cret');
  });

  it('refuses an SMTP_URL that is not an smtp:// or smtps:// URL, without printing its password', () => {
    const error = configError(() => loadConfig({ cwd: join(fixtures, 'valid'), env: { SMTP_URL: 'user:hunter2@mail.example.org:587' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.describe()).toMatch(/^SMTP_URL: expected smtp:\/\/user:pass@host:587 or smtps:\/\/\.\.\., not "…@mail\.example\.org:587"/);
    expect(error.describe()).not.toContain('hunter2');
    expect(loadConfig({ cwd: join(fixtures, 'valid'), env: { SMTP_URL: 'smtps://mail.example.org:465' } }).email.smtpUrl).toBe('smtps://mail.example.org:465');
  });

  it('takes email.from as { name, address }, "Name <address>" or a bare address (then named after site.title)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    const from = async (value: unknown) => {
      await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ site: { title: 'The Riverside Courier' }, email: { from: value } }));
      return loadConfig({ cwd: dir, env: {} }).email.from;
    };
    expect(await from({ name: 'Desk', address: 'desk@news.example.org' })).toEqual({ name: 'Desk', address: 'desk@news.example.org' });
    expect(await from('The Courier <digest@news.example.org>')).toEqual({ name: 'The Courier', address: 'digest@news.example.org' });
    expect(await from('"Courier, Evening" <digest@news.example.org>')).toEqual({ name: 'Courier, Evening', address: 'digest@news.example.org' });
    expect(await from(' digest@news.example.org ')).toEqual({ name: 'The Riverside Courier', address: 'digest@news.example.org' });
    expect(await from('<digest@news.example.org>')).toEqual({ name: 'The Riverside Courier', address: 'digest@news.example.org' });
    await expect(from('The Courier <not an address>')).rejects.toThrow(/email\.from\.address: expected an e-mail address/);
    await expect(from(42)).rejects.toThrow(/email\.from: expected "Name <address>", an address, or \{ "name": …, "address": … \}/);
    await expect(from({ name: 'Desk', adress: 'desk@news.example.org' })).rejects.toThrow(/email\.from\.adress: unknown key/);
  });

  it('names every bad key, including misspelt ones', () => {
    const error = configError(() => loadConfig({ cwd: join(fixtures, 'invalid'), env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.file).toBe('broadsheet.config.json');
    expect(error.message).toContain('site.titel: unknown key; check its spelling');
    expect(error.message).toContain('site.url: expected an absolute http:// or https:// URL');
    expect(error.message).toContain('site.description: expected a non-empty description');
    expect(error.message).toContain('feeds.limit: expected at least 1');
  });

  it('reports broken JSON with the file name', () => {
    const error = configError(() => loadConfig({ cwd: join(fixtures, 'broken-json'), env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.describe()).toMatch(/^broadsheet\.config\.json: is not valid JSON/);
  });

  it('refuses a paths.templates folder that does not exist, which would quietly give the built-in look', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { templates: 'my-templaets' } }));
    const error = configError(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.describe()).toContain('paths.templates');
    expect(error.message).toContain('my-templaets');
  });

  it('takes static/ beside the content folder as paths.static when there is one, and refuses a named one that is not there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    await mkdir(join(dir, 'site', 'static'), { recursive: true });
    expect(loadConfig({ cwd: dir, env: {}, overrides: { content: 'site/content' } }).paths.static).toBe(join(dir, 'site', 'static'));
    expect(loadConfig({ cwd: dir, env: {} }).paths.static).toBeUndefined();
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { static: 'assets' } }));
    const error = configError(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.field).toBe('paths.static');
    expect(error.message).toContain(join(dir, 'assets'));
  });

  it('refuses a --config file that does not exist', () => {
    const error = configError(() => loadConfig({ cwd: fixtures, env: {}, configFile: 'nope.json' }));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.file).toBe('nope.json');
  });

  it('accepts broadsheet.config.example.json, which documents every key', () => {
    const root = resolve(import.meta.dirname, '../..');
    const config = loadConfig({ cwd: root, env: {}, configFile: 'broadsheet.config.example.json' });
    expect(config.site.title).toBe('The Harbour Gazette');
  });

  it('returns a frozen value', () => {
    const config = loadConfig({ cwd: join(fixtures, 'valid'), env: {} });
    expect(Object.isFrozen(config.site)).toBe(true);
  });

  it('reads dates without a zone in site.timezone (UTC by default), and schedules in it unless schedule.timezone says otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    expect(loadConfig({ cwd: dir, env: {} })).toMatchObject({ site: { timezone: 'UTC' }, schedule: { timezone: 'UTC' } });
    const file = join(dir, 'broadsheet.config.json');
    await writeFile(file, JSON.stringify({ site: { timezone: 'America/Los_Angeles' } }));
    expect(loadConfig({ cwd: dir, env: {} })).toMatchObject({ site: { timezone: 'America/Los_Angeles' }, schedule: { timezone: 'America/Los_Angeles' } });
    await writeFile(file, JSON.stringify({ site: { timezone: 'America/Los_Angeles' }, schedule: { timezone: 'Europe/Paris' } }));
    expect(loadConfig({ cwd: dir, env: {} }).schedule.timezone).toBe('Europe/Paris');
    await writeFile(file, JSON.stringify({ site: { timezone: 'Mars/Olympus' } }));
    expect(configError(() => loadConfig({ cwd: dir, env: {} })).message).toContain('site.timezone: expected an IANA time zone such as "Europe/Paris" or "UTC"');
  });

  it('offers no topics and one frequency, schedule.digest\'s, named "default", unless digest.topics and digest.frequencies say otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    const file = join(dir, 'broadsheet.config.json');
    await writeFile(file, JSON.stringify({ schedule: { digest: '0 7 * * *' } }));
    expect(loadConfig({ cwd: dir, env: {} }).digest).toMatchObject({ topics: [], frequencies: { default: '0 7 * * *' }, defaultFrequency: 'default', firstIssueSize: 10 });
    const digest = { topics: [{ tag: ' Culture ', label: 'Culture' }, { tag: 'transport', label: 'Transport' }], frequencies: { weekly: '0 8 * * 1', daily: '0 7 * * *' } };
    await writeFile(file, JSON.stringify({ digest }));
    // Tags are compared with articles' tags, which are lower-case; the first frequency written is the default.
    expect(loadConfig({ cwd: dir, env: {} }).digest).toMatchObject({ topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport' }], frequencies: digest.frequencies, defaultFrequency: 'weekly' });
  });

  it('refuses a topic offered twice, a frequency name that is not plain, a cron expression that is not one, and an empty digest.frequencies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    const file = join(dir, 'broadsheet.config.json');
    await writeFile(file, JSON.stringify({ digest: { topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'CULTURE', label: 'Arts' }], frequencies: { Daily: '0 7 * * *', weekly: 'mondays at 8' } }, schedule: { scan: '61 * * * *' } }));
    const message = configError(() => loadConfig({ cwd: dir, env: {} })).message;
    expect(message).toContain('digest.topics: expected each tag once');
    expect(message).toContain('digest.frequencies.Daily: expected a name of lower-case letters, digits and hyphens');
    expect(message).toContain('digest.frequencies.weekly: expected a cron expression of five fields');
    expect(message).toContain('schedule.scan: expected a cron expression of five fields');
    await writeFile(file, JSON.stringify({ digest: { frequencies: {} } }));
    expect(configError(() => loadConfig({ cwd: dir, env: {} })).message).toContain('digest.frequencies: expected at least one frequency');
  });

  it('maps broadsheet fields to a site keys in content.fields, over the default aliases of the fields it names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
    expect(loadConfig({ cwd: dir, env: {} }).content).toEqual({
      taxonomies: ['tags', 'categories', 'category'],
      fields: {
        title: ['title'],
        summary: ['summary', 'description', 'excerpt'],
        date: ['date'],
        updated: ['updated', 'lastmod', 'last_modified_at', 'modified'],
        author: ['authors', 'author'],
        image: ['image'],
      },
      excerptSeparator: '<!--more-->',
    });
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ content: { fields: { summary: 'teaser', image: ['cover', 'image'] }, taxonomies: ['topics'] } }));
    const { content } = loadConfig({ cwd: dir, env: {} });
    expect(content.fields).toMatchObject({ summary: ['teaser'], image: ['cover', 'image'], title: ['title'] });
    expect(content.taxonomies).toEqual(['topics']);
  });
});
