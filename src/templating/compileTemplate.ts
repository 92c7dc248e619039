import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { BroadsheetError } from '../errors.js';
import type { Messages } from './messages.js';
import { wrapText } from './wrapText.js';
import type { TemplateFolder } from './templateFolder.js';
import { listTemplates, readTemplate, readTemplateAt } from './templateFolder.js';

export type Template = (view: object) => string;

/**
 * One Handlebars environment per kind of output (site pages, the digest, subscriber mails): logic-less, so a
 * publisher's template cannot run code, escaping by default, strict about fields, and the `t` helper that
 * gives the words of `templates/messages/<language>.json`; `wrap` folds plain text at 72 columns.
 */
export interface Templating {
  /** Compiles `relativePath` of the folder (the site's file or the built-in one); `plainText` turns escaping off. */
  compile(relativePath: string, options?: { plainText?: boolean }): Promise<Template>;
  /** Registers every `<name><ext>` in `relativeDir` as the partial `{{> name}}`. */
  registerPartials(relativeDir: string, ext: string): Promise<void>;
  registerHelper(name: string, helper: Handlebars.HelperDelegate): void;
  messages: Messages;
  /** Changes when any template compiled so far or the messages change: what outputs made from them are keyed by. */
  fingerprint(): string;
}

export function createTemplating(folder: TemplateFolder, messages: Messages): Templating {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions & { loc?: { start: { line: number } } }) => {
    if (typeof key !== 'string' || !messages.has(key)) {
      throw new TemplateUseError(`unknown message "${String(key)}"`, options.loc?.start.line, `Use a key of templates/messages/${messages.language}.json (or add it there).`);
    }
    return messages.text(key, options.hash as Record<string, unknown>);
  });
  // Plain-text mail is read in terminals: 72 columns, long URLs left whole.
  handlebars.registerHelper('wrap', (text: unknown) => wrapText(String(text ?? ''), 72));
  const hash = createHash('sha256').update(messages.source);
  const load = async (relativePath: string, plainText: boolean) => {
    const { path, source } = await readTemplate(folder, relativePath);
    hash.update(`\0${path}\0${source}`);
    return guard(compileSource(handlebars, source, path, folder, plainText), path, folder);
  };
  return {
    compile: (relativePath, options = {}) => load(relativePath, options.plainText === true),
    async registerPartials(relativeDir, ext) {
      for (const [name, path] of await listTemplates(folder, relativeDir, ext)) {
        const { source } = await readTemplateAt(folder, path);
        hash.update(`\0${path}\0${source}`);
        handlebars.registerPartial(name, guard(compileSource(handlebars, source, path, folder, false), path, folder));
      }
    },
    registerHelper: (name, helper) => handlebars.registerHelper(name, helper),
    messages,
    fingerprint: () => hash.copy().digest('base64url'),
  };
}

/** A mistake only running the template shows (an unknown message key), with the line it is on. */
class TemplateUseError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly hint: string,
  ) {
    super(message);
  }
}

function compileSource(handlebars: typeof Handlebars, source: string, path: string, folder: TemplateFolder, plainText: boolean): Handlebars.TemplateDelegate {
  try {
    handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /on line (\d+)/.exec(message)?.[1];
    throw new BroadsheetError('TEMPLATE_INVALID', `template syntax error: ${message.split('\n').at(-1) ?? message}`, {
      file: folder.displayPath(path),
      ...(line === undefined ? {} : { line: Number(line) }),
      hint: 'Check that every {{#if}} / {{#each}} has its {{/if}} / {{/each}} and every {{ has its }}.',
      cause: error,
    });
  }
  // strict: a misspelt field ({{titel}}) is an error naming the template, not a silently empty space.
  return handlebars.compile(source, { noEscape: plainText, strict: true });
}

/**
 * Errors that only show when a template runs (an unknown field, a missing partial) name the template they
 * happen in: partials are wrapped too, and the innermost name wins.
 */
function guard(template: Handlebars.TemplateDelegate, path: string, folder: TemplateFolder): Handlebars.TemplateDelegate {
  const file = folder.displayPath(path);
  return (view, options) => {
    try {
      return template(view, options);
    } catch (error) {
      if (error instanceof BroadsheetError) throw error;
      if (error instanceof TemplateUseError) {
        throw new BroadsheetError('TEMPLATE_INVALID', `${error.message}.`, { file, ...(error.line === undefined ? {} : { line: error.line }), hint: error.hint, cause: error });
      }
      const message = (error as Error).message;
      const unknown = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
      if (unknown !== null) {
        throw new BroadsheetError('TEMPLATE_INVALID', `unknown field "${unknown[1]}" (column ${unknown[3]}).`, {
          file,
          line: Number(unknown[2]),
          hint: 'Check the spelling; the fields each template can use are listed in README.md ("The digest", "The site").',
          cause: error,
        });
      }
      throw new BroadsheetError('TEMPLATE_INVALID', `template failed: ${message}`, {
        file,
        hint: 'Partials live in a partials/ folder beside the template and are used as {{> name}}.',
        cause: error,
      });
    }
  };
}
