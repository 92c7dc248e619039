import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { isLoopbackUrl, placeholderWarnings } from '../../src/config/placeholders.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A project on the built-in defaults (loopback site.url, placeholder footer and From), with an SMTP sink. */
async function defaultsProject() {
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-defaults-'));
  await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { content: join(REPO_ROOT, 'content'), templates: join(REPO_ROOT, 'templates') }, server: { port: 0 } }));
  const run = (...args: string[]) => runCli(args, { cwd: dir, env: { BROADSHEET_SECRET: TEST_SECRET, SMTP_URL: sink.url } });
  return { sink, run };
}

const WARNINGS = [
  'warning: digest.contactLine is still the placeholder; set the postal or contact line every mail must carry.',
  'warning: email.from is still digest@localhost.localdomain; set the address you send from.',
  "warning: site.url is http://127.0.0.1:8080/, this machine's own address: links in mail will not work for subscribers; set the public address.",
];
const REFUSAL =
  "broadsheet: site.url: is http://127.0.0.1:8080/, this machine's own address: the links in the mail would reach nobody else, so nothing is sent. Set site.url to the address subscribers reach, or pass --allow-local for a test with local mailboxes.";

describe('placeholder defaults', () => {
  it('are named one by one until the config replaces them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-defaults-'));
    expect(placeholderWarnings(loadConfig({ cwd: dir, env: {} }))).toHaveLength(3);
    const { config } = await makeProject();
    expect(placeholderWarnings(config)).toEqual([]);
  });

  it('count every address of this machine as loopback, and nothing else', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://127.1.2.3/', 'http://localhost:3000/', 'http://news.localhost/', 'http://[::1]:8080/', 'http://0.0.0.0/']) expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['https://news.example.org/', 'http://10.0.0.1/', 'http://127.example.org/']) expect(isLoopbackUrl(url), url).toBe(false);
  });

  it('make digest send and subscribers add warn and refuse to mail, unless --allow-local', async () => {
    const { sink, run } = await defaultsProject();
    expect((await run('subscribers', 'add', 'ann@example.org', '--confirmed')).stderr).toBe(`${WARNINGS.join('\n')}\n`);
    const add = await run('subscribers', 'add', 'bo@example.org');
    expect(add).toMatchObject({ code: 2, stderr: `${WARNINGS.join('\n')}\n${REFUSAL}\n` });
    const send = await run('digest', 'send');
    expect(send).toMatchObject({ code: 2, stderr: `${WARNINGS.join('\n')}\n${REFUSAL}\n` });
    expect((await run('digest', 'send', '--dry-run')).code).toBe(0);
    expect(sink.received).toHaveLength(0);

    const allowed = await run('digest', 'send', '--allow-local');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe(`${WARNINGS.join('\n')}\n`);
    expect(sink.recipients()).toEqual(['ann@example.org']);
  }, 120_000);

  it('make start log a warning each, and refuse to start with an SMTP server unless --allow-local', async () => {
    const { run } = await defaultsProject();
    const start = await run('start');
    expect(start.code).toBe(2);
    expect(start.stderr).toBe(`${REFUSAL}\n`);
    const logged = start.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { event: string; message: string });
    expect(logged.filter((e) => e.event === 'config.placeholder').map((e) => `warning: ${e.message}`)).toEqual(WARNINGS);
  }, 60_000);
});
