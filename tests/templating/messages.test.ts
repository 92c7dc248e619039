import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BroadsheetError } from '../../src/errors.js';
import { loadMessages } from '../../src/templating/messages.js';
import { BUILT_IN_TEMPLATES, templateFolder } from '../../src/templating/templateFolder.js';

const builtIn = templateFolder(BUILT_IN_TEMPLATES, (path) => path);

async function siteFolder(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-templates-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return templateFolder(dir, (path) => path.slice(dir.length + 1));
}

describe('messages', () => {
  it('chooses the file by site.language: fr-CA falls back to fr, an unknown language to en', async () => {
    expect((await loadMessages(builtIn, 'fr-CA')).language).toBe('fr');
    expect((await loadMessages(builtIn, 'fr')).text('subscribe.button')).toBe('S’abonner à la lettre');
    expect((await loadMessages(builtIn, 'tlh')).language).toBe('en');
    expect((await loadMessages(builtIn, 'en-GB')).text('subscribe.button')).toBe('Subscribe to the digest');
  });

  it('picks plural forms by the language’s rules: French says 0 and 1 in the singular', async () => {
    const en = await loadMessages(builtIn, 'en');
    const fr = await loadMessages(builtIn, 'fr');
    expect([0, 1, 2].map((count) => en.text('digest.intro', { count }))).toEqual(['0 new articles', '1 new article', '2 new articles']);
    expect([0, 1, 2].map((count) => fr.text('digest.intro', { count }))).toEqual(['0 nouvel article', '1 nouvel article', '2 nouveaux articles']);
  });

  it('ships French for every English message, with the same placeholders', async () => {
    const read = async (language: string) => JSON.parse(await readFile(join(BUILT_IN_TEMPLATES, 'messages', `${language}.json`), 'utf8')) as Record<string, unknown>;
    const [en, fr] = [await read('en'), await read('fr')];
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (value: unknown) => [...new Set(JSON.stringify(value).match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(en)) expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
  });

  it('lets a site reword one message and keeps the built-in ones for the rest', async () => {
    const folder = await siteFolder({ 'messages/en.json': '{ "subscribe.button": "Sign me up" }' });
    const messages = await loadMessages(folder, 'en');
    expect(messages.text('subscribe.button')).toBe('Sign me up');
    expect(messages.text('subscribe.label')).toBe('Your e-mail address');
  });

  it('takes a language broadsheet does not ship from the site’s own file', async () => {
    const folder = await siteFolder({ 'messages/de.json': '{ "subscribe.button": "Abonnieren" }' });
    const messages = await loadMessages(folder, 'de-AT');
    expect(messages.language).toBe('de');
    expect(messages.text('subscribe.button')).toBe('Abonnieren');
  });

  it('names the file and key of a broken messages file or an unknown placeholder', async () => {
    const broken = await siteFolder({ 'messages/en.json': '{ "subscribe.button": ' });
    await expect(loadMessages(broken, 'en')).rejects.toThrow(/not valid JSON/);
    const wrongType = await siteFolder({ 'messages/en.json': '{ "subscribe.button": 3 }' });
    const error = (await loadMessages(wrongType, 'en').catch((e: unknown) => e)) as BroadsheetError;
    expect(error.describe()).toMatch(/^messages\/en\.json: .*subscribe\.button|subscribe\.button.*messages\/en\.json/);
    const typo = await siteFolder({ 'messages/en.json': '{ "confirm.message": "Thanks from {sitee}" }' });
    const messages = await loadMessages(typo, 'en');
    expect(() => messages.text('confirm.message', { site: 'X' })).toThrow(/\{sitee\}/);
  });
});
