import { BroadsheetError } from '../errors.js';

/** An error's code (the system's `ENOSPC`, `EADDRINUSE`; SQLite's `SQLITE_CORRUPT`), when it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const WRITE_TROUBLE: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * A file that could not be written (or removed) as one line that says what to do: a full disk and a
 * read-only folder are the publisher's to fix, not a bug. Anything else keeps the system's own words.
 */
export function outputFailed(error: unknown, file: string): BroadsheetError {
  const errno = errorCode(error);
  const trouble = (errno === undefined ? undefined : WRITE_TROUBLE[errno]) ?? (error instanceof Error ? error.message : String(error));
  const full = errno === 'ENOSPC' || errno === 'EDQUOT';
  return new BroadsheetError('OUTPUT_FAILED', `cannot write: ${trouble}${errno === undefined ? '' : ` (${errno})`}.`, {
    file,
    hint: full ? 'Free some space there, or write somewhere else (paths.out or --out), then run it again; no half-written file is left behind.' : 'Give a folder this user can write (paths.out or --out), or make this one writable, then run it again.',
    cause: error,
  });
}

/**
 * A server that could not start listening: the port taken (`serve` twice), a host that is not this
 * machine's. `field` names the setting of the port (`server.port`), `flag` the command's flag for it, if any.
 */
export function listenFailed(error: unknown, where: { host: string; port: number; field: string; flag?: string }): BroadsheetError {
  const errno = errorCode(error);
  const address = `${where.host.includes(':') ? `[${where.host}]` : where.host}:${where.port}`;
  const [trouble, field, hint] =
    errno === 'EADDRINUSE'
      ? ['the address is already in use', where.field, `Stop what listens there, or give ${where.flag === undefined ? where.field : `${where.flag} (or ${where.field})`} another port; 0 picks a free one.`]
      : errno === 'EACCES'
        ? ['permission denied', where.field, 'Ports below 1024 need privileges: use a higher port behind a reverse proxy (see "Deploy").']
        : errno === 'EADDRNOTAVAIL' || errno === 'ENOTFOUND'
          ? ['that host is not an address of this machine', where.field.replace(/port$/, 'host'), 'Give an address of this machine, such as 127.0.0.1 or 0.0.0.0.']
          : [error instanceof Error ? error.message : String(error), where.field, undefined];
  return new BroadsheetError('LISTEN_FAILED', `cannot listen on ${address}: ${trouble}.`, { field, ...(hint === undefined ? {} : { hint }), cause: error });
}
