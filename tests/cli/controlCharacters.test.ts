import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('file names with control characters', () => {
  it('are printed with \\xNN escapes: no ANSI sequence reaches the terminal and no newline fakes a line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-names-'));
    const content = join(dir, 'content');
    await mkdir(content);
    await writeFile(join(content, 'evil\u001b[31mred.md'), '');
    await writeFile(join(content, 'two\nrejected fake.md'), '');
    await writeFile(join(content, 'bell\u0007.md'), '---\ntitle: Draft\ndate: 2026-01-01\ndraft: true\n---\nBody.\n');
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { stateDir: 'state', content: 'content', out: 'out' } }));
    const result = await runCli(['build'], { cwd: dir });
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    // eslint-disable-next-line no-control-regex -- the very characters that must not be printed
    expect(output).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    const rejected = result.stderr.split('\n').filter((line) => line.startsWith('rejected '));
    expect(rejected).toHaveLength(2);
    expect(result.stderr).toContain('content/evil\\x1b[31mred.md');
    expect(result.stderr).toContain('content/two\\x0arejected fake.md');
    expect(result.stdout).toContain('skipped content/bell\\x07.md (a draft)');
  });
});
