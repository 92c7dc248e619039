import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliResult } from './cli.js';
import { REPO_ROOT } from './cli.js';

/**
 * A folder as a command sees it in a mount namespace of its own: a tmpfs of `kilobytes` (a disk that fills
 * up), or read-only (a read-only mount). As root, chmod proves nothing: root writes anyway; a real mount does not.
 */
export type Mount = { dir: string; tmpfsKilobytes: number } | { dir: string; readOnly: true };

/** Unprivileged, a user namespace maps this user to root inside it, which may then mount. */
const UNSHARE = ['--mount', '--propagation', 'private', ...(process.getuid?.() === 0 ? [] : ['--map-root-user'])];

function mountScript(mounts: readonly Mount[]): string {
  const quoted = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`;
  return mounts
    .map((m) => ('readOnly' in m ? `mount --bind ${quoted(m.dir)} ${quoted(m.dir)} && mount -o remount,bind,ro ${quoted(m.dir)}` : `mount -t tmpfs -o size=${m.tmpfsKilobytes}k tmpfs ${quoted(m.dir)}`))
    .join(' && ');
}

/** Undefined when this machine lets a test mount in a namespace of its own; otherwise why not, for the skip. */
export const mountNamespaceUnavailable: string | undefined = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-mount-probe-'));
  try {
    execFileSync('unshare', [...UNSHARE, 'sh', '-c', mountScript([{ dir, tmpfsKilobytes: 64 }, { dir, readOnly: true }])], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const said = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    return `needs a private mount namespace (unshare -m as root, or user namespaces for this user) to fill a disk or mount read-only; here: ${said}`;
  }
})();

/** Runs the built `broadsheet` command with `mounts` in place, which nothing outside the command sees. */
export function runCliWithMounts(mounts: readonly Mount[], args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const script = `${mountScript(mounts)} && exec "$0" "$@"`;
  return new Promise((done) => {
    execFile('unshare', [...UNSHARE, 'sh', '-c', script, process.execPath, resolve(REPO_ROOT, 'bin/broadsheet.js'), ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}
