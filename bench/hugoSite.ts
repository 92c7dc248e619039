import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The same archive as a Hugo site building only its RSS feed: plain-text articles become Markdown with
 * front matter (Hugo cannot read them), everything else is linked as it is.
 */
export async function prepareHugoSite(archive: string, site: string): Promise<void> {
  await rm(site, { recursive: true, force: true });
  await mkdir(join(site, 'content/posts'), { recursive: true });
  await writeFile(
    join(site, 'config.toml'),
    [
      'baseURL = "https://bench.example.org/"',
      'title = "bench"',
      // Hugo's own defaults for RSS (every page, no limit), with every other output turned off.
      'disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]',
      '[outputs]',
      '  home = ["RSS"]',
      '  section = []',
      '  page = []',
      '',
    ].join('\n'),
  );
  for (const dir of await readdir(archive)) {
    await mkdir(join(site, 'content/posts', dir), { recursive: true });
    for (const name of await readdir(join(archive, dir))) {
      const text = await readFile(join(archive, dir, name), 'utf8');
      const target = join(site, 'content/posts', dir, name.replace(/\.txt$/, '.md'));
      if (name.endsWith('.md')) await writeFile(target, text);
      else {
        const [date, , title, , ...body] = text.split('\n');
        await writeFile(target, `---\ntitle: ${JSON.stringify(title)}\ndate: ${new Date(`${date} UTC`).toISOString()}\n---\n${body.join('\n')}`);
      }
    }
  }
}
