import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { configKeys } from '../support/configKeys.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'broadsheet-init-'));

describe('broadsheet init', () => {
  it('makes a site in an empty folder that builds at once: both example articles published, exit 0', async () => {
    const parent = await tempDir();
    const init = await runCli(['init', 'my-site'], { cwd: parent });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('cd my-site');
    expect(init.stdout).toContain('broadsheet new "');
    const site = join(parent, 'my-site');
    expect((await readdir(site)).sort()).toEqual(['.gitignore', 'README.md', 'broadsheet.config.json', 'content', 'templates']);
    expect((await readdir(join(site, 'content'))).sort()).toEqual(['plain-text-example.txt', 'welcome.md']);
    expect(await readdir(join(site, 'templates'))).toEqual(expect.arrayContaining(['digest.mjml', 'digest.txt', 'feed.xsl', 'partials']));
    expect(await readFile(join(site, '.gitignore'), 'utf8')).toMatch(/^out\/$[\s\S]*^\.broadsheet\/$/m);

    const build = await runCli(['build'], { cwd: site });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^published 2 articles; /);
    const feed = JSON.parse(await readFile(join(site, 'out/feed.json'), 'utf8')) as { items: { title: string }[] };
    expect(feed.items.map((item) => item.title).sort()).toEqual(['Plain-text news files need no front matter', 'Welcome to your new site']);
  });

  it('writes every key that has a default, at its default, and builds from its own copy of the templates', async () => {
    const site = await tempDir();
    expect((await runCli(['init'], { cwd: site })).code).toBe(0);
    const written = loadConfig({ cwd: site, env: {} });
    const builtIn = loadConfig({ cwd: await tempDir(), env: {} });
    expect(written.configFile).toBe(join(site, 'broadsheet.config.json'));
    expect(written.paths.templates).toBe(join(site, 'templates'));
    const settings = (config: typeof written) => ({ ...config, paths: undefined, configFile: undefined });
    expect(settings(written)).toEqual(settings(builtIn));
    expect(written.paths.content).toBe(join(site, 'content'));
    const file = JSON.parse(await readFile(join(site, 'broadsheet.config.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    // The keys left out are exactly those without a default.
    const inFile = configKeys().filter((key) => {
      const [section, name] = key.split('.') as [string, string];
      return file[section] !== undefined && name in file[section];
    });
    expect(configKeys().filter((key) => !inFile.includes(key)).sort()).toEqual(
      ['digest.frequencies', 'digest.subject', 'email.bounceAddress', 'email.dkim', 'email.replyTo', 'email.reportTo', 'email.smtpUrl', 'inbound.maildir', 'inbound.port', 'paths.static', 'schedule.timezone', 'site.copyright', 'site.sections'].sort(),
    );
  });

  it("explains every config key in the site's README", async () => {
    const readme = await readFile(join(REPO_ROOT, 'starter/README.md'), 'utf8');
    const keys = configKeys();
    expect(keys).toContain('site.timezone');
    expect(keys.filter((key) => !readme.includes(`| \`${key}\` |`))).toEqual([]);
  });

  it('changes nothing in a folder that already holds a site, and says which files are in the way', async () => {
    const site = await tempDir();
    await mkdir(join(site, 'content'));
    await writeFile(join(site, 'README.md'), 'mine\n');
    const result = await runCli(['init', site]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broadsheet: .*: already has README\.md, content; init writes a new site and changes no existing file\. .*\n$/);
    expect((await readdir(site)).sort()).toEqual(['README.md', 'content']);
    expect(await readFile(join(site, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('takes a folder that has only other files, such as a git repository', async () => {
    const site = await tempDir();
    await mkdir(join(site, '.git'));
    expect((await runCli(['init', '.'], { cwd: site })).code).toBe(0);
    expect(await readdir(site)).toContain('broadsheet.config.json');
  });
});
