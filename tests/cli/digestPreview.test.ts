import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';

async function previewConfig(): Promise<{ dir: string; config: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-preview-'));
  const config = join(dir, 'broadsheet.config.json');
  await writeFile(
    config,
    JSON.stringify({
      site: { title: 'Preview Gazette', url: 'https://news.example.org/' },
      paths: { content: join(REPO_ROOT, 'content'), templates: join(REPO_ROOT, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
      email: { from: { name: 'Preview Gazette', address: 'digest@news.example.org' } },
    }),
  );
  return { dir, config };
}

describe('broadsheet digest preview', () => {
  it('writes the HTML, the text and the complete message, prints their paths and changes no state', async () => {
    const { dir, config } = await previewConfig();
    const result = await runCli(['digest', 'preview', '--config', config], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('out/digest/preview.html\nout/digest/preview.txt\nout/digest/preview.eml\n');
    expect(result.stdout).toMatch(/Subject: Preview Gazette: 6 new articles/);
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
