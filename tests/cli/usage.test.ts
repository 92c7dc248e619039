import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';

describe('broadsheet usage errors', () => {
  it.each([
    ['biuld', "broadsheet: unknown command 'biuld' (Did you mean build?); see `broadsheet --help`.\n"],
    ['build --frob', "broadsheet: unknown option '--frob'; see `broadsheet build --help`.\n"],
    ['subscribers list --status nope', "broadsheet: option '--status <status>' argument 'nope' is invalid. Allowed choices are pending, confirmed, unsubscribed, bounced; see `broadsheet subscribers list --help`.\n"],
    ['subscribers add', "broadsheet: missing required argument 'email'; see `broadsheet subscribers add --help`.\n"],
  ])('`broadsheet %s` exits 2 with one line and the --help to read, not the whole help', async (args, line) => {
    const result = await runCli(args.split(' '));
    expect(result).toEqual({ code: 2, stdout: '', stderr: line });
  });

  it('shows the help for --help, exit 0', async () => {
    const result = await runCli(['build', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: broadsheet build \[options\]/);
  });

  it('prints the version and the code fingerprint for --version', async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^${version.replaceAll('.', '\\.')} \\(code [0-9a-f]{16}\\)\\n$`)) as string, stderr: '' });
  });
});
