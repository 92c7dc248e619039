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

  it('previews the newest articles once everything was sent, saying so, and with --number a digest as it was sent', async () => {
    const sink = await startSmtpSink();
    try {
      const { dir, configFile, env } = await makeProject({ smtpUrl: sink.url });
      expect((await runCli(['subscribers', 'add', 'ann@example.org', '--confirmed', '--config', configFile], { cwd: dir, env })).code).toBe(0);
      expect((await runCli(['digest', 'send', '--config', configFile], { cwd: dir, env })).code).toBe(0);
      const sent = sink.received[0]?.raw ?? '';
      const sentSubject = /^Subject: (.*)\r$/m.exec(sent)?.[1];

      const newest = await runCli(['digest', 'preview', '--config', configFile], { cwd: dir, env });
      expect(newest.code).toBe(0);
      expect(newest.stdout).toContain('Every article was sent already (the last digest is 1): this previews the newest articles, as a first digest would have them.');
      expect(newest.stdout).toMatch(/Subject: The Test Gazette: 6 new articles \(6 articles\)/);
      expect(await readFile(join(dir, 'out/digest/preview.eml'), 'utf8')).toMatch(/^Message-ID: <digest-2\.subscriber-0@news\.example\.org>\r$/m);

      const first = await runCli(['digest', 'preview', '--number', '1', '--config', configFile], { cwd: dir, env });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Digest 1 as it was sent.');
      expect(first.stdout).toContain(`Subject: ${sentSubject} (6 articles)`);
      const eml = await readFile(join(dir, 'out/digest/preview.eml'), 'utf8');
      expect(eml).toMatch(/^Message-ID: <digest-1\.subscriber-0@news\.example\.org>\r$/m);
      const html = await readFile(join(dir, 'out/digest/preview.html'), 'utf8');
      expect(html).toContain('https://news.example.org/unsubscribe?token=');
      expect(html).not.toContain('unsubscribe.invalid');

      const missing = await runCli(['digest', 'preview', '--number', '7', '--config', configFile], { cwd: dir, env });
      expect(missing).toMatchObject({ code: 2, stdout: '' });
      expect(missing.stderr).toBe('broadsheet: --number: there is no digest 7 in the digest log. `broadsheet digest stats` lists the digests sent.\n');
      expect((await runCli(['digest', 'preview', '--number', 'two', '--config', configFile], { cwd: dir, env })).code).toBe(2);
    } finally {
      await sink.close();
    }
  });
});
