import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

describe('broadsheet worker', () => {
  it('refuses to run on SQLite, where `digest send` is the one sender, in one line', async () => {
    const project = await makeProject({ smtpUrl: 'smtp://127.0.0.1:9' });
    const result = await runCli(['worker', '--until-done', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broadsheet: BROADSHEET_DATABASE_URL: .*with SQLite, `broadsheet digest send` is the one sender\..*\n$/);
  });
});
