import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { mountNamespaceUnavailable, runCliWithMounts } from '../support/mountNamespace.js';
import { makeProject } from '../support/project.js';

/** One line on stderr, `broadsheet: ` then what is wrong and what to do: no stack trace. */
const ONE_LINE = /^broadsheet: [^\n]+\n$/;

describe('a full, read-only or taken place on the system: one line saying what to do, never a stack trace', () => {
  it('stops a build into a full out/ with exit 2, naming the file and the full disk', async (context) => {
    if (mountNamespaceUnavailable !== undefined) context.skip(mountNamespaceUnavailable);
    const { dir, configFile } = await makeProject();
    const out = join(dir, 'out');
    await mkdir(out);
    const result = await runCliWithMounts([{ dir: out, tmpfsKilobytes: 16 }], ['build', '--config', configFile], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(/^broadsheet: \S+\/out\/\S+: cannot write: the disk is full \(ENOSPC\)\. Free some space there, or write somewhere else \(paths\.out or --out\)/);
  });

  it('stops a build into a read-only out/ with exit 2, naming the read-only file system', async (context) => {
    if (mountNamespaceUnavailable !== undefined) context.skip(mountNamespaceUnavailable);
    const { dir, configFile } = await makeProject();
    const out = join(dir, 'out');
    await mkdir(out);
    const result = await runCliWithMounts([{ dir: out, readOnly: true }], ['build', '--config', configFile], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(/cannot write: the file system is read-only \(EROFS\)\. Give a folder this user can write/);
  });

  it('builds without the cache on a read-only state folder, and lists, exports, shows, previews and counts from it', async (context) => {
    if (mountNamespaceUnavailable !== undefined) context.skip(mountNamespaceUnavailable);
    const { dir, configFile, env } = await makeProject();
    const state = join(dir, 'state');
    expect((await runCli(['subscribers', 'add', 'ann@example.org', '--confirmed', '--config', configFile], { cwd: dir, env })).code).toBe(0);
    expect((await runCli(['build', '--config', configFile], { cwd: dir, env })).code).toBe(0);
    const readOnly = (args: string[]) => runCliWithMounts([{ dir: state, readOnly: true }], [...args, '--config', configFile], { cwd: dir, env });

    const build = await readOnly(['build', '--fresh']);
    expect(build).toMatchObject({ code: 0, stdout: expect.stringMatching(/^published 6 articles; /) });
    expect(build.stderr).toMatch(/^warning: \S+broadsheet\.db: cannot open the state database \([^)]+\)\. Check that paths\.stateDir is a writable folder\. Building without the build cache\.\n$/);

    expect(await readOnly(['subscribers', 'list'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ann@example\.org\tconfirmed\t/), stderr: '1 subscriber\n' });
    expect(await readOnly(['subscribers', 'export'])).toMatchObject({ code: 0, stdout: expect.stringContaining('ann@example.org') });
    expect(await readOnly(['subscribers', 'show', 'ann@example.org'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ann@example\.org: confirmed\n/) });
    expect(await readOnly(['digest', 'stats'])).toMatchObject({ code: 0, stdout: 'No digest has been sent yet.\n', stderr: '' });
    expect(await readOnly(['digest', 'preview'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Subject: The Test Gazette: 6 new articles'), stderr: '' });
    // What needs to write says so in one line.
    const remove = await readOnly(['subscribers', 'remove', 'ann@example.org']);
    expect(remove.code).toBe(2);
    expect(remove.stderr).toMatch(ONE_LINE);
  });

  it('builds without the cache next to a damaged state database, and a command that needs it names it', async () => {
    const { dir, configFile, env } = await makeProject();
    await mkdir(join(dir, 'state'));
    await writeFile(join(dir, 'state/broadsheet.db'), 'not a database, whatever it once was\n'.repeat(200));
    const build = await runCli(['build', '--config', configFile], { cwd: dir, env });
    expect(build).toMatchObject({ code: 0, stdout: expect.stringMatching(/^published 6 articles; /) });
    expect(build.stderr).toMatch(/^warning: \S+broadsheet\.db: the state database is damaged \(file is not a database\)\. Restore it from a backup, or move it away to start a new one .* Building without the build cache\.\n$/);
    const list = await runCli(['subscribers', 'list', '--config', configFile], { cwd: dir, env });
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(ONE_LINE);
    expect(list.stderr).toContain('the state database is damaged');
  });

  for (const command of ['serve', 'start']) {
    it(`${command}: a port already in use exits 2 with LISTEN_FAILED's line, and does not hang`, async () => {
      const taken = createServer();
      await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
      try {
        const { port } = taken.address() as AddressInfo;
        const { dir, configFile, env } = await makeProject();
        const result = await runCli([command, '--port', String(port), '--host', '127.0.0.1', '--config', configFile], { cwd: dir, env });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`broadsheet: server.port: cannot listen on 127.0.0.1:${port}: the address is already in use. Stop what listens there, or give --port (or server.port) another port; 0 picks a free one.\n`);
      } finally {
        await new Promise((closed) => taken.close(closed));
      }
    });
  }
});
