import { cp, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'broadsheet-cli-'));
}

describe('broadsheet build', () => {
  it('builds the sample content with the built-in defaults and exits 0', async () => {
    const out = await tempDir();
    const result = await runCli(['build', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^published \d+ articles; \d+ files written, 0 unchanged\n$/);
    // 2026/: the sample's images, published at their path under content/.
    expect((await readdir(out)).sort()).toEqual(['.broadsheet-manifest.json', '2026', 'archive', 'articles', 'atom.xml', 'favicon.svg', 'feed.json', 'feed.xsl', 'index.html', 'rss.xml', 'style.css', 'tags']);
  });

  it('publishes the good files, names each bad one on its own line, and exits 1', async () => {
    const out = await tempDir();
    // Its own state folder: the CLI's default (.broadsheet in the working directory) would land in tests/fixtures.
    const config = join(out, 'broadsheet.config.json');
    await writeFile(config, JSON.stringify({ paths: { stateDir: join(out, 'state') } }));
    const result = await runCli(['build', '--config', config, '--content', join(fixtures, 'content/mixed'), '--out', out], { cwd: fixtures });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const rejected = lines.filter((line) => line.startsWith('rejected '));
    expect(rejected).toHaveLength(6);
    expect(lines.filter((line) => !line.startsWith('rejected '))).toEqual([
      'warning content/mixed/unsafe-html.md:7: links to content/mixed/x.png, which does not exist, so the link leads nowhere; add the file or fix the link.',
    ]);
    expect(rejected).toContain('rejected content/mixed/empty.md: is empty. Write the article, or delete the file.');
    expect(result.stdout).toContain('skipped content/mixed/draft.md (a draft)');
    expect(result.stdout).toContain('skipped content/mixed/no-date.md (a page with no date, not an article; give it a date to publish it)');
    expect(result.stdout).toContain('published 6 articles');
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8'));
    expect(feed.items).toHaveLength(6);
  });

  it('leaves unchanged files untouched on a second run', async () => {
    const out = await tempDir();
    await runCli(['build', '--out', out]);
    const before = await stat(join(out, 'rss.xml'));
    const again = await runCli(['build', '--out', out]);
    expect(again.stdout).toMatch(/0 files written, \d+ unchanged/);
    expect((await stat(join(out, 'rss.xml'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('removes the feeds of a tag no article carries any more', async () => {
    const content = await tempDir();
    const out = await tempDir();
    await cp(join(REPO_ROOT, 'content'), content, { recursive: true });
    await runCli(['build', '--content', content, '--out', out]);
    expect(await readdir(join(out, 'tags'))).toContain('about');
    const note = join(content, '2026/editors-note.md');
    await writeFile(note, (await readFile(note, 'utf8')).replace('tags: [about]', 'tags: []'));
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.stdout).toContain('1 stale output removed (tags/');
    expect(await readdir(join(out, 'tags'))).not.toContain('about');
  });

  it('still publishes, with a warning, when the state folder cannot hold the build cache', async () => {
    const dir = await tempDir();
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, '');
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { content: join(REPO_ROOT, 'content'), out: 'out', stateDir: 'not-a-folder' } }));
    const result = await runCli(['build'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: .*not-a-folder.*cannot open the state database.* Building without the build cache\.\n$/);
    expect(result.stdout).toMatch(/^published \d+ articles/);
  });

  it('stops with exit 2 and names the key when the config is invalid', async () => {
    const result = await runCli(['build', '--config', join(fixtures, 'config/invalid/broadsheet.config.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('feeds.limit: expected at least 1');
  });

  it('stops with exit 2 when the content folder cannot be read', async () => {
    const result = await runCli(['build', '--content', 'no-such-folder', '--out', await tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-folder: cannot read the content folder \(ENOENT\)/);
  });

  it('explains usage errors', async () => {
    const result = await runCli(['build', '--no-such-flag']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
  });
});
