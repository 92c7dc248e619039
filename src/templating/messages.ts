import { BroadsheetError } from '../errors.js';
import type { TemplateFolder } from './templateFolder.js';
import { BUILT_IN_TEMPLATES, findTemplate, readTemplateAt } from './templateFolder.js';

/** A message is a text, or its plural forms by CLDR category (`one`, `few`, `many`, `other`...) for a `count`. */
type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;

/** Every word a reader or subscriber sees, in one language. */
export interface Messages {
  /** The language of the file chosen: `fr` for `fr-CA`, `en` for a language without a file. */
  language: string;
  has(key: string): boolean;
  /** The message with `{name}` filled from `values`; plural forms are chosen by `values.count`. */
  text(key: string, values?: Readonly<Record<string, unknown>>): string;
  /** The files' text, in the order read: part of the key of everything made from them. */
  source: string;
}

const FALLBACK_LANGUAGE = 'en';

/**
 * `templates/messages/<language>.json` for site.language: `fr-CA` is looked up as `fr-ca`, then `fr`, then
 * `en`. The built-in English file is the base, the built-in file of the language goes over it, and the
 * site's own file of the language over that, so a site rewords only the messages it lists.
 */
export async function loadMessages(folder: TemplateFolder, languageTag: string): Promise<Messages> {
  const tag = languageTag.toLowerCase();
  const candidates = [...new Set([tag, tag.split('-')[0] as string, FALLBACK_LANGUAGE])];
  let language = FALLBACK_LANGUAGE;
  for (const candidate of candidates) {
    if ((await findTemplate(folder, `messages/${candidate}.json`)) === undefined) continue;
    language = candidate;
    break;
  }
  const builtIn = { ...folder, dirs: [BUILT_IN_TEMPLATES] };
  const layers = [await findTemplate(builtIn, `messages/${FALLBACK_LANGUAGE}.json`), await findTemplate(builtIn, `messages/${language}.json`), await findTemplate(folder, `messages/${language}.json`)];
  const messages = new Map<string, { message: Message; file: string }>();
  let source = language;
  for (const path of new Set(layers)) {
    if (path === undefined) continue;
    const file = await readTemplateAt(folder, path);
    source += `\0${file.source}`;
    for (const [key, message] of Object.entries(parseMessageFile(folder, file))) messages.set(key, { message, file: folder.displayPath(path) });
  }
  const plurals = new Intl.PluralRules(language);
  return {
    language,
    source,
    has: (key) => messages.has(key),
    text(key, values = {}) {
      const entry = messages.get(key);
      if (entry === undefined) throw new BroadsheetError('TEMPLATE_INVALID', `no message "${key}".`, { file: `messages/${language}.json`, hint: "Add it, or restore the file from broadsheet's templates/messages/." });
      const { message, file } = entry;
      const count = values.count;
      const chosen = typeof message === 'string' ? message : (message[plurals.select(typeof count === 'number' ? count : Number.NaN)] ?? message.other ?? '');
      return chosen.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (!(name in values)) throw new BroadsheetError('TEMPLATE_INVALID', `message "${key}" uses {${name}}, which it is not given.`, { file, field: key, hint: `Its values: ${Object.keys(values).map((v) => `{${v}}`).join(', ') || 'none'}.` });
        return String(values[name]);
      });
    },
  };
}

function parseMessageFile(folder: TemplateFolder, { path, source }: { path: string; source: string }): Record<string, Message> {
  const file = folder.displayPath(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BroadsheetError('TEMPLATE_INVALID', `is not valid JSON (${(error as Error).message}).`, { file, hint: 'Fix the syntax: one object of "key": "text" pairs.', cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BroadsheetError('TEMPLATE_INVALID', 'expected one object of "key": "text" pairs.', { file });
  for (const [key, value] of Object.entries(parsed)) {
    const plural = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { other?: unknown }).other === 'string' && Object.values(value).every((form) => typeof form === 'string');
    if (typeof value !== 'string' && !plural) {
      throw new BroadsheetError('TEMPLATE_INVALID', 'expected a text, or plural forms such as { "one": "…", "other": "…" }.', { file, field: key });
    }
  }
  return parsed as Record<string, Message>;
}
