import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('`digest send` against a server that refuses connections', () => {
  it('says why while it waits and in the summary, and exits 1 with the message queued', async () => {
    const port = await closedPort();
    const project = await makeProject({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const db = openDatabase(project.config.paths.stateDir);
    new SubscriberStore(db, () => new Date()).upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
    db.close();
    const run = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`retrying ann@example.org in 1 s: connection refused to 127.0.0.1:${port}\n`);
    expect(run.stdout).toContain(`1 message could not be sent yet (connection refused to 127.0.0.1:${port}); `);
    expect(run.stderr).toBe('');
  });
});
