import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { ResolvedConfig } from '../../src/config/resolvedConfig.js';
import { REPO_ROOT } from './cli.js';
import { storeUnderTest } from './database.js';
import { freshPostgresUrl } from './databases.js';

/** As long as the shortest secret broadsheet accepts (MIN_SECRET_LENGTH), so every command takes it. */
export const TEST_SECRET = 'test-secret-0123456789abcdef-012';

/**
 * A throw-away project: the repo's sample content and templates, its own out/ and state folder, and a
 * config file, so a test (or a child process running the CLI) works like a publisher's setup. Its state is in
 * the store suite's database: in the project `store on postgres`, a new PostgreSQL database of its own
 * (BROADSHEET_DATABASE_URL), which openStateDatabase(config) opens, as the commands do.
 */
export async function makeProject(
  overrides: { smtpUrl?: string; email?: Record<string, unknown>; digest?: Record<string, unknown>; templates?: string; schedule?: Record<string, unknown>; ownContent?: boolean | 'empty' } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-project-'));
  // A copy of the sample content when the test adds articles to it (a later digest); 'empty' when it writes all of them.
  const content = overrides.ownContent === undefined || overrides.ownContent === false ? join(REPO_ROOT, 'content') : join(dir, 'content');
  if (overrides.ownContent === true) await cp(join(REPO_ROOT, 'content'), content, { recursive: true });
  if (overrides.ownContent === 'empty') await mkdir(content);
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      site: { title: 'The Test Gazette', url: 'https://news.example.org/' },
      paths: { content, templates: overrides.templates ?? join(REPO_ROOT, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
      digest: { contactLine: 'The Test Gazette, 1 Quay Street, Port Example', ...overrides.digest },
      email: { from: { name: 'The Test Gazette', address: 'digest@news.example.org' }, bounceAfter: 1, ...overrides.email },
      ...(overrides.schedule === undefined ? {} : { schedule: overrides.schedule }),
    }),
  );
  const env = {
    BROADSHEET_SECRET: TEST_SECRET,
    ...(overrides.smtpUrl === undefined ? {} : { SMTP_URL: overrides.smtpUrl }),
    ...(storeUnderTest === 'postgres' ? { BROADSHEET_DATABASE_URL: freshPostgresUrl() } : {}),
  };
  const config: ResolvedConfig = loadConfig({ cwd: dir, env, configFile });
  return { dir, configFile, env, config, content };
}
