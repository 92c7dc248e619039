import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BroadsheetError } from '../errors.js';

export interface FolderMail {
  /** Where it came from, for logs: a Maildir file name or `mbox#3`. */
  name: string;
  raw: Buffer;
  /** Marks a Maildir message seen (new/ -> cur/ with the S flag), so the next poll skips it; nothing for mbox. */
  markSeen(): Promise<void>;
}

/**
 * The mails in a Maildir (a folder with cur/, new/ and tmp/, as Postfix, Exim and Dovecot write them) or
 * an mbox file. `includeSeen` also reads cur/, where mails already read (by us or a mail client) live.
 */
export async function readMailFolder(path: string, options: { includeSeen: boolean }): Promise<FolderMail[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw new BroadsheetError('INPUT_INVALID', 'cannot read this mail folder.', { file: path, hint: 'Give a Maildir (with cur/, new/, tmp/) or an mbox file.', cause: error });
  });
  return info.isDirectory() ? readMaildir(path, options.includeSeen) : readMbox(path, await readFile(path));
}

async function readMaildir(dir: string, includeSeen: boolean): Promise<FolderMail[]> {
  const list = async (sub: string) => (await readdir(join(dir, sub)).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).sort();
  if (!(await stat(join(dir, 'new')).then((s) => s.isDirectory(), () => false))) {
    throw new BroadsheetError('INPUT_INVALID', 'is a folder but not a Maildir (it has no new/ folder).', { file: dir, hint: 'Give the Maildir itself, the folder holding cur/, new/ and tmp/.' });
  }
  const mails: FolderMail[] = [];
  for (const name of await list('new')) {
    const file = join(dir, 'new', name);
    // Maildir's rule: a message moves to cur/ with its info suffix once a reader has seen it.
    mails.push({ name, raw: await readFile(file), markSeen: () => rename(file, join(dir, 'cur', `${name.split(':')[0]}:2,S`)) });
  }
  if (includeSeen) for (const name of await list('cur')) mails.push({ name, raw: await readFile(join(dir, 'cur', name)), markSeen: async () => {} });
  return mails;
}

/** mboxo and mboxrd alike: a message starts at a `From ` line; `>From ` lines inside lose one `>`. */
function readMbox(file: string, bytes: Buffer): FolderMail[] {
  const text = bytes.toString('latin1');
  const starts = [...text.matchAll(/(?:^|\n)From [^\n]*\n/g)];
  return starts.map((match, i) => {
    const begin = (match.index ?? 0) + match[0].length;
    const end = starts[i + 1]?.index ?? text.length;
    const body = text.slice(begin, end).replace(/^>(>*From )/gm, '$1');
    return { name: `${basename(file)}#${i + 1}`, raw: Buffer.from(body, 'latin1'), markSeen: async () => {} };
  });
}
