import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolvedConfig.js';
import { emptyBuildCache } from '../../src/cache/buildCache.js';
import type { BroadsheetError } from '../../src/errors.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { BUILT_IN_TEMPLATES } from '../../src/templating/templateFolder.js';
import { expectGolden } from '../support/golden.js';
import { makeProject } from '../support/project.js';

const now = new Date('2026-11-25T12:00:00Z');

/** A templates folder holding only `files`: everything else falls back to broadsheet's own. */
async function ownTemplates(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-own-templates-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

function withTemplates(config: ResolvedConfig, templates: string): ResolvedConfig {
  return { ...config, paths: { ...config.paths, templates } };
}

async function firstArticlePage(config: ResolvedConfig): Promise<string> {
  const feed = JSON.parse(await readFile(join(config.paths.out, 'feed.json'), 'utf8')) as { items: { url: string }[] };
  return readFile(join(config.paths.out, new URL((feed.items[0] as { url: string }).url).pathname, 'index.html'), 'utf8');
}

describe('site pages from templates/site/', () => {
  it('match the golden pages of the sample content: the index, an article, a tag page', async () => {
    const { dir, config } = await makeProject();
    await buildSite(config, { now, displayRoot: dir });
    await expectGolden('pages/index.html', await readFile(join(config.paths.out, 'index.html'), 'utf8'));
    await expectGolden('pages/article.html', await firstArticlePage(config));
    await expectGolden('pages/tag.html', await readFile(join(config.paths.out, 'tags/transport/index.html'), 'utf8'));
  });

  it('offer digest.topics as boxes to tick and, when there are several, digest.frequencies to pick one of, in the subscribe form; rebuilt when they change', async () => {
    const topics = [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport & <roads>' }];
    const { dir, config } = await makeProject({ digest: { topics, frequencies: { weekly: '0 8 * * 1', daily: '0 7 * * *' } } });
    const cache = emptyBuildCache();
    await buildSite(config, { now, displayRoot: dir, cache });
    const form = /<form class="subscribe"[\s\S]*?<\/form>/.exec(await readFile(join(config.paths.out, 'index.html'), 'utf8'))?.[0] ?? '';
    expect(form).toContain('<label class="choice"><input type="checkbox" name="topics" value="culture"> Culture</label>');
    expect(form).toContain('<label class="choice"><input type="checkbox" name="topics" value="transport"> Transport &amp; &lt;roads&gt;</label>');
    // The first frequency is everyone's until they choose.
    expect(form).toContain('<label class="choice"><input type="radio" name="frequency" value="weekly" checked> weekly</label>');
    expect(form).toContain('<label class="choice"><input type="radio" name="frequency" value="daily"> daily</label>');
    expect(form.indexOf('<button')).toBeGreaterThan(form.indexOf('name="frequency"'));
    await buildSite({ ...config, digest: { ...config.digest, topics: topics.slice(0, 1) } }, { now, displayRoot: dir, cache });
    expect(await readFile(join(config.paths.out, 'index.html'), 'utf8')).not.toContain('value="transport"');
  });

  it('take a site’s own article.hbs and keep the built-in file for every other page', async () => {
    const { dir, config: base } = await makeProject();
    const builtIn = await readFile(join(BUILT_IN_TEMPLATES, 'site/article.hbs'), 'utf8');
    const config = withTemplates(base, await ownTemplates({ 'site/article.hbs': `<p class="ours">Our own article page</p>\n${builtIn}` }));
    await buildSite(config, { now, displayRoot: dir });
    expect(await firstArticlePage(config)).toContain('<p class="ours">Our own article page</p>');
    const index = await readFile(join(config.paths.out, 'index.html'), 'utf8');
    expect(index).not.toContain('Our own');
    expect(index).toContain('<label for="email">Your e-mail address</label>');
    expect(await readFile(join(config.paths.out, 'style.css'), 'utf8')).toBe(await readFile(join(BUILT_IN_TEMPLATES, 'site/style.css'), 'utf8'));
  });

  it('render again when a template changes, even when no article did', async () => {
    const { dir, config: base } = await makeProject();
    const templates = await ownTemplates({});
    const config = withTemplates(base, templates);
    const cache = emptyBuildCache();
    await buildSite(config, { now, displayRoot: dir, cache });
    const partial = await readFile(join(BUILT_IN_TEMPLATES, 'site/partials/footer.hbs'), 'utf8');
    await mkdir(join(templates, 'site/partials'), { recursive: true });
    await writeFile(join(templates, 'site/partials/footer.hbs'), partial.replace('<footer class="colophon">', '<footer class="colophon"><p>Printed on the quay</p>'));
    const report = await buildSite(config, { now, displayRoot: dir, cache });
    expect(report.written).toContain('index.html');
    expect(await firstArticlePage(config)).toContain('Printed on the quay');
  });

  it('have a past-issues page before the first digest, and leave the one a digest wrote alone', async () => {
    const { dir, config } = await makeProject();
    await buildSite(config, { now, displayRoot: dir });
    const archive = join(config.paths.out, 'archive/index.html');
    expect(await readFile(archive, 'utf8')).toContain('<p>No digest has been sent yet.</p>');
    expect(await readFile(join(config.paths.out, 'index.html'), 'utf8')).toContain('<a href="/archive/">Past issues</a>');
    await mkdir(join(config.paths.out, 'archive/1'));
    await writeFile(archive, '<p>Issue 1: the digest wrote this</p>');
    await buildSite(config, { now, displayRoot: dir });
    expect(await readFile(archive, 'utf8')).toBe('<p>Issue 1: the digest wrote this</p>');
  });

  it('name the file and line of a misspelt field, and of a syntax error', async () => {
    const { dir, config } = await makeProject();
    const fail = (files: Record<string, string>) => ownTemplates(files).then((t) => buildSite(withTemplates(config, t), { now, displayRoot: dir }).then(() => undefined, (e: unknown) => e as BroadsheetError));
    const misspelt = await fail({ 'site/tag.hbs': '<h1>{{tag.name}}</h1>\n<p>{{tag.cuont}}</p>\n' });
    expect(misspelt?.describe()).toMatch(/site\/tag\.hbs:2: unknown field "cuont"/);
    const syntax = await fail({ 'site/partials/header.hbs': '<header>\n{{#if sections.length}}\n</header>\n' });
    expect(syntax?.code).toBe('TEMPLATE_INVALID');
    expect(syntax?.describe()).toMatch(/site\/partials\/header\.hbs:\d+: template syntax error/);
  });
});

describe('a French site', () => {
  it('has its pages in French, dated in French', async () => {
    const { dir, config: base } = await makeProject();
    const config: ResolvedConfig = { ...base, site: { ...base.site, language: 'fr-CA' } };
    await buildSite(config, { now, displayRoot: dir });
    const index = await readFile(join(config.paths.out, 'index.html'), 'utf8');
    expect(index).toContain('<html lang="fr-CA">');
    expect(index).toContain('Derniers articles');
    expect(index).toContain('<label for="email">Votre adresse électronique</label>');
    expect(index).not.toMatch(/Subscribe|Recent|Follow the feeds/);
    const article = await firstArticlePage(config);
    expect(article).toMatch(/<time datetime="[^"]+">\d+ (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 2026<\/time>/);
    expect(article).toContain('Plus d’articles de The Test Gazette');
  });

  it('describes its tag feeds in French, and the page a browser shows for a feed reads French', async () => {
    const { dir, config: base } = await makeProject();
    const config: ResolvedConfig = { ...base, site: { ...base.site, language: 'fr-CA' } };
    await buildSite(config, { now, displayRoot: dir });
    expect(await readFile(join(config.paths.out, 'tags/transport/rss.xml'), 'utf8')).toContain('<description>Articles classés « transport » de The Test Gazette.</description>');
    const stylesheet = await readFile(join(config.paths.out, 'feed.xsl'), 'utf8');
    expect(stylesheet).toContain('<html lang="fr-CA">');
    expect(stylesheet).toContain('<strong>Ceci est un flux.</strong> Copiez l’adresse de cette page dans votre lecteur de flux');
    expect(stylesheet).not.toMatch(/This is a feed|\(feed\)|\{\{/);
  });

  it('copies the whole templates folder as a starting point and still builds', async () => {
    const { dir, config: base } = await makeProject();
    const copy = await mkdtemp(join(tmpdir(), 'broadsheet-copied-templates-'));
    await cp(BUILT_IN_TEMPLATES, copy, { recursive: true });
    await buildSite(withTemplates(base, copy), { now, displayRoot: dir });
    expect(await readFile(join(base.paths.out, 'index.html'), 'utf8')).toContain('Latest articles');
  });
});
