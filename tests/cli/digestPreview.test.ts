import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

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
});
