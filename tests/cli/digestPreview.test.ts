import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

describe('broadsheet digest preview', () => {
  it('writes the HTML, the text and the complete message, prints their paths and changes no state', async () => {
    const { dir, configFile } = await makeProject();
    const result = await runCli(['digest', 'preview', '--config', configFile], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('out/digest/preview.html\nout/digest/preview.txt\nout/digest/preview.eml\n');
    expect(result.stdout).toMatch(/Subject: The Test Gazette: 6 new articles/);
    expect(existsSync(join(dir, 'state'))).toBe(false);

    const eml = await readFile(join(dir, 'out/digest/preview.eml'), 'utf8');
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(eml).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(eml).toMatch(/^List-Unsubscribe:\s+<https:\/\/news\.example\.org\/unsubscribe\?token=[\w.-]+>,\s+<mailto:digest@news\.example\.org\?subject=unsubscribe>/m);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(eml).toMatch(/^Message-ID: <digest-1\.subscriber-0@news\.example\.org>\r$/m);
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const html = await readFile(join(dir, 'out/digest/preview.html'), 'utf8');
    expect(html).toContain('https://news.example.org/unsubscribe?token=');
  });

  it('previews the newest articles once everything was sent, saying so, and any sent digest with --number', async () => {
    const sink = await startSmtpSink();
    const { dir, configFile, env } = await makeProject({ smtpUrl: sink.url });
    const run = (...args: string[]) => runCli([...args, '--config', configFile], { cwd: dir, env });
    expect((await run('subscribers', 'add', 'ann@example.org', '--confirmed')).code).toBe(0);
    expect((await run('digest', 'send')).code).toBe(0);
    await sink.close();
    const sentHtml = await readFile(join(dir, 'out/archive/1/index.html'), 'utf8');

    const newest = await run('digest', 'preview');
    expect(newest.code).toBe(0);
    expect(newest.stdout).toContain('out/digest/preview.eml\nNo new articles since digest 1, so `digest send` would send nothing: this previews the newest 6 articles instead. Subject: The Test Gazette: 6 new articles (6 articles)\n');
    expect(await readFile(join(dir, 'out/digest/preview.eml'), 'utf8')).toMatch(/^Message-ID: <digest-2\.subscriber-0@news\.example\.org>\r$/m);

    const first = await run('digest', 'preview', '--number', '1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/out\/digest\/preview\.eml\nDigest 1 as it was sent on \d{4}-\d{2}-\d{2}\. Subject: The Test Gazette: 6 new articles\n$/);
    const eml = await readFile(join(dir, 'out/digest/preview.eml'), 'utf8');
    expect(eml).toMatch(/^Message-ID: <digest-1\.subscriber-0@news\.example\.org>\r$/m);
    const html = await readFile(join(dir, 'out/digest/preview.html'), 'utf8');
    const sentLinks = new Set([...sentHtml.matchAll(/href="(https:\/\/news\.example\.org\/articles\/[^"]+)"/g)].map((m) => m[1]));
    expect(sentLinks.size).toBe(6);
    for (const link of sentLinks) expect(html).toContain(`href="${link}"`);

    const missing = await run('digest', 'preview', '--number', '2');
    expect(missing).toMatchObject({ code: 2, stderr: 'broadsheet: --number: there is no digest 2. `broadsheet digest stats` lists the digests sent.\n' });
    expect((await run('digest', 'preview', '--number', 'x')).code).toBe(2);
  }, 120_000);
});
