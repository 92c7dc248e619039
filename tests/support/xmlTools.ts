import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ATOM_SCHEMA = resolve(import.meta.dirname, '../fixtures/schema/atom.rnc');

async function tool(command: string, args: string[], packageName: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} is not installed: apt-get install -y ${packageName}`);
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** libxml2's verdict on well-formedness, of one file or several at once (one process: the machine is shared). */
export function xmllint(...files: string[]) {
  return tool('xmllint', ['--noout', '--nonet', ...files], 'libxml2-utils');
}

/** jing against RFC 4287's RELAX NG schema, of one file or several in one JVM (starting one is slow). */
export function validateAtom(...files: string[]) {
  return tool('jing', ['-c', ATOM_SCHEMA, ...files], 'jing');
}
