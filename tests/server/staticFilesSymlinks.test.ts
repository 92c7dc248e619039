import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaticFiles } from '../../src/server/staticFiles.js';

/** An out/ folder (reached through a link, as a deployment may) with links pointing in and out of it. */
async function outWithLinks() {
  const base = await mkdtemp(join(tmpdir(), 'broadsheet-links-'));
  const out = join(base, 'real-out');
  const outside = join(base, 'outside');
  await mkdir(join(out, 'tags'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(out, 'rss.xml'), '<rss/>');
  await writeFile(join(outside, 'secret.txt'), 'not for the web');
  await symlink(join(outside, 'secret.txt'), join(out, 'secret.txt'));
  await symlink('/etc/passwd', join(out, 'passwd'));
  await symlink(outside, join(out, 'tags', 'elsewhere'));
  await symlink(join(out, 'rss.xml'), join(out, 'feed.xml'));
  await symlink(out, join(base, 'out'));
  return new StaticFiles(join(base, 'out'));
}

describe('serving out/ with symbolic links in it', async () => {
  const files = await outWithLinks();

  it.each(['/passwd', '/secret.txt', '/tags/elsewhere/secret.txt'])('does not serve %s, whose real path is outside out/', async (path) => {
    expect(await files.get(path)).toBeUndefined();
  });

  it('serves files whose real path is inside out/, also through a link to out/ itself', async () => {
    expect((await files.get('/rss.xml'))?.body.toString()).toBe('<rss/>');
    expect((await files.get('/feed.xml'))?.body.toString()).toBe('<rss/>');
  });
});
