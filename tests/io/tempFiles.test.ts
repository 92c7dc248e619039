import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/io/mapConcurrent.js';
import { withWriteMarker } from '../../src/io/writeMarker.js';
import { REPO_ROOT } from '../support/cli.js';

const run = promisify(execFile);

/** An out/ as a build killed mid-write leaves it: broadsheet's temporary files, and the user's own look-alikes. */
async function outAfterACrash(markerPid: number) {
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-crashed-'));
  await mkdir(join(out, 'tags/local'), { recursive: true });
  await writeFile(join(out, '.rss.xml.0123456789ab.tmp'), '');
  await writeFile(join(out, 'tags/local/.atom.xml.fedcba987654.tmp'), '');
  for (const own of ['notes.tmp', '.draft.tmp', '.x.123.tmp', '.rss.xml.0123456789AB.tmp']) await writeFile(join(out, own), 'mine');
  await writeFile(join(out, '.broadsheet-writing'), String(markerPid));
  const names = async () => (await readdir(out, { recursive: true })).filter((name) => name.endsWith('.tmp')).sort();
  return { out, names };
}

/** A pid no process has: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((done) => child.on('exit', done));
  return child.pid as number;
}

describe('temporary files a killed build left in out/', () => {
  it('are removed by the next build, and no file of the user is', async () => {
    const { out, names } = await outAfterACrash(await deadPid());
    await withWriteMarker(out, async () => undefined);
    expect(await names()).toEqual(['.draft.tmp', '.rss.xml.0123456789AB.tmp', '.x.123.tmp', 'notes.tmp']);
    expect(await readdir(out)).not.toContain('.broadsheet-writing');
  });

  it('are left alone while the process that writes them still runs (`start` beside a `build`)', async () => {
    const { out, names } = await outAfterACrash(process.ppid);
    await withWriteMarker(out, async () => undefined);
    expect(await names()).toContain('.rss.xml.0123456789ab.tmp');
    expect(await readdir(out)).toContain('.broadsheet-writing');
  });
});

describe('mapConcurrent after a failure', () => {
  it('starts nothing new and throws once the calls in flight have settled', async () => {
    const settled: number[] = [];
    const failing = mapConcurrent([0, 1, 2, 3, 4, 5], 3, async (n) => {
      if (n === 0) throw new Error('disk full');
      await new Promise((done) => setTimeout(done, 20));
      settled.push(n);
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(settled.sort()).toEqual([1, 2]);
  });
});

/** A build into a tmpfs of 48 KB in a mount namespace of its own: the sample content does not fit. */
const FULL_DISK_BUILD = `
set -e
mount -t tmpfs -o size=48k tmpfs "$MNT"
node "$BIN" build --config "$CONFIG" --content "$CONTENT" --out "$MNT/out" > /dev/null 2>&1 || echo "exit $?"
find "$MNT/out" -name '*.tmp'
`;

async function canMountTmpfs(): Promise<string | undefined> {
  try {
    await run('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=8k tmpfs /mnt']);
    return undefined;
  } catch (error) {
    return `unshare -m with a tmpfs mount is not possible here (${String((error as Error).message).split('\n')[0]}): needs root or CAP_SYS_ADMIN`;
  }
}

describe('a build onto a full disk', async () => {
  const cannot = await canMountTmpfs();
  it.skipIf(cannot !== undefined)(`fails and leaves no temporary file in out/${cannot === undefined ? '' : ` (skipped: ${cannot})`}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-full-'));
    await mkdir(join(dir, 'mnt'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ paths: { stateDir: join(dir, 'state') } }));
    const env = { ...process.env, MNT: join(dir, 'mnt'), BIN: join(REPO_ROOT, 'bin/broadsheet.js'), CONFIG: join(dir, 'config.json'), CONTENT: join(REPO_ROOT, 'content') };
    const { stdout } = await run('unshare', ['-m', 'bash', '-c', FULL_DISK_BUILD], { env });
    expect(stdout).toMatch(/^exit [12]\n$/);
  });
});
