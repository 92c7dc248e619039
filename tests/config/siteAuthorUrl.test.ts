import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';

async function withAuthorUrl(url: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-config-'));
  await writeFile(join(cwd, 'broadsheet.config.json'), JSON.stringify({ site: { author: { name: 'Desk', url } } }));
  return cwd;
}

describe('site.author.url', () => {
  it.each(['javascript:alert(1)', 'data:text/html,x', 'vbscript:msgbox(1)'])('refuses %s, as article bodies do', async (url) => {
    const cwd = await withAuthorUrl(url);
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/site\.author\.url: expected an absolute http:\/\/, https:\/\/ or mailto: URL/);
  });

  it.each(['https://desk.example.org/', 'mailto:desk@example.org'])('takes %s', async (url) => {
    const cwd = await withAuthorUrl(url);
    expect(loadConfig({ cwd, env: {} }).site.author.url).toBe(url);
  });
});
