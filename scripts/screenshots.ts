/**
 * Screenshots of the default theme for the README, in docs/screenshots/: the front page on a desktop, an
 * article on a phone and a digest as a mail client shows it. The sample content under the example config,
 * built with the built-in templates, served by broadsheet's own server, photographed by Debian's chromium.
 * Run by hand after changing the theme (npm test does not): `npx tsx scripts/screenshots.ts`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { siteTemplates } from '../src/app.js';
import { previewOnce } from '../src/app/preview.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { silentLogger } from '../src/log/logger.js';
import { loadSitePages } from '../src/pages/sitePages.js';
import { buildSite } from '../src/pipeline/buildSite.js';
import { createServer } from '../src/server/createServer.js';
import { openDatabaseForReading } from '../src/store/database.js';
import { RequestLimits } from '../src/store/requestLimits.js';
import { launchChromium } from '../tests/support/chromium.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'docs/screenshots');

const work = await mkdtemp(join(tmpdir(), 'broadsheet-screenshots-'));
try {
  const example = JSON.parse(await readFile(join(ROOT, 'broadsheet.config.example.json'), 'utf8')) as Record<string, unknown>;
  const configFile = join(work, 'broadsheet.config.json');
  const paths = { content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), out: join(work, 'out'), stateDir: join(work, 'state') };
  await writeFile(configFile, JSON.stringify({ ...example, paths }));
  const config = loadConfig({ cwd: work, env: {}, configFile });
  await buildSite(config, { now: new Date(), displayRoot: ROOT });
  const digest = await previewOnce(config, ROOT, { number: undefined });
  if (digest === undefined) throw new Error('the sample content has no article to put in a digest');
  const feed = JSON.parse(await readFile(join(config.paths.out, 'feed.json'), 'utf8')) as { items: { url: string }[] };
  const article = new URL((feed.items[0] as { url: string }).url).pathname;
  const pages = await loadSitePages(siteTemplates(config, ROOT), config.site, config.digest);
  const server = await createServer({ outDir: config.paths.out, pages, subscriptions: undefined, requestLimits: new RequestLimits(openDatabaseForReading(config.paths.stateDir)), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
  const browser = await launchChromium();
  try {
    await mkdir(SHOTS, { recursive: true });
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await desktop.goto(server.url);
    await desktop.screenshot({ path: join(SHOTS, 'index.png') });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(new URL(article, server.url).href);
    await phone.screenshot({ path: join(SHOTS, 'article.png') });
    const mail = await browser.newPage({ viewport: { width: 800, height: 1000 } });
    await mail.setContent(digest.html, { waitUntil: 'load' });
    await mail.screenshot({ path: join(SHOTS, 'digest.png') });
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
