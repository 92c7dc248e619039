import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What the peer tools (Hugo, Eleventy) are given to build the bench's archive as broadsheet builds it. */

const SITE_ASSETS = resolve(import.meta.dirname, '../templates/site');

/** broadsheet copies its stylesheet, icon and feed stylesheet into out/; the peers copy them from `into`. */
export async function copyStaticFiles(into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  for (const name of ['style.css', 'favicon.svg']) await cp(join(SITE_ASSETS, name), join(into, name));
  await cp(resolve(SITE_ASSETS, '../feed.xsl'), join(into, 'feed.xsl'));
}

/**
 * The bench archive as Markdown for the peers, which cannot read broadsheet's plain-text
 * news files: those become Markdown with front matter, the Markdown articles are copied as they are, in the
 * same folders.
 */
export async function writeArchiveAsMarkdown(archive: string, into: string): Promise<void> {
  for (const dir of await readdir(archive)) {
    await mkdir(join(into, dir), { recursive: true });
    for (const name of await readdir(join(archive, dir))) {
      const text = await readFile(join(archive, dir, name), 'utf8');
      const target = join(into, dir, name.replace(/\.txt$/, '.md'));
      if (name.endsWith('.md')) await writeFile(target, text);
      else {
        const [date, , title, , ...body] = text.split('\n');
        await writeFile(target, `---\ntitle: ${JSON.stringify(title)}\ndate: ${new Date(`${date} UTC`).toISOString()}\n---\n${body.join('\n')}`);
      }
    }
  }
}
