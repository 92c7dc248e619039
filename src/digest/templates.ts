import Handlebars from 'handlebars';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BroadsheetError } from '../errors.js';
import { wrapText } from './wrapText.js';

export interface DigestTemplates {
  /** digest.mjml filled with a view: MJML, ready to render. */
  mjml: (view: object) => string;
  /** digest.txt filled with a view: the plain-text part. */
  text: (view: object) => string;
  /** Path of digest.mjml, for messages about the rendered MJML. */
  mjmlFile: string;
}

/**
 * templates/digest.mjml, templates/digest.txt and templates/partials/*.mjml, compiled once with Handlebars:
 * logic-less, so a publisher's template cannot run code, escaping by default in the HTML template, and
 * partials for the header, article card and footer. Syntax errors name the file and line at load time.
 */
export async function loadDigestTemplates(dir: string, displayPath: (path: string) => string): Promise<DigestTemplates> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('wrap', (text: unknown) => wrapText(String(text ?? ''), 72));
  handlebars.registerHelper('upper', (text: unknown) => String(text ?? '').toUpperCase());
  const partialsDir = join(dir, 'partials');
  const partialFiles = (await readdir(partialsDir).catch(() => [])).filter((name) => name.endsWith('.mjml')).sort();
  for (const name of partialFiles) {
    const path = join(partialsDir, name);
    handlebars.registerPartial(basename(name, '.mjml'), guard(compile(handlebars, await read(path, displayPath), path, displayPath, false), path, displayPath));
  }
  const mjmlFile = join(dir, 'digest.mjml');
  const textFile = join(dir, 'digest.txt');
  return {
    mjml: guard(compile(handlebars, await read(mjmlFile, displayPath), mjmlFile, displayPath, false), mjmlFile, displayPath),
    text: guard(compile(handlebars, await read(textFile, displayPath), textFile, displayPath, true), textFile, displayPath),
    mjmlFile,
  };
}

async function read(path: string, displayPath: (path: string) => string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BroadsheetError('TEMPLATE_INVALID', 'cannot be read.', {
      file: displayPath(path),
      hint: 'Check paths.templates in the config; the sample templates/ folder shows the files a digest needs.',
      cause: error,
    });
  }
}

function compile(handlebars: typeof Handlebars, source: string, path: string, displayPath: (path: string) => string, plainText: boolean) {
  try {
    handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /on line (\d+)/.exec(message)?.[1];
    throw new BroadsheetError('TEMPLATE_INVALID', `template syntax error: ${message.split('\n').at(-1) ?? message}`, {
      file: displayPath(path),
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
function guard(template: Handlebars.TemplateDelegate, path: string, displayPath: (path: string) => string): Handlebars.TemplateDelegate {
  return (view, options) => {
    try {
      return template(view, options);
    } catch (error) {
      if (error instanceof BroadsheetError) throw error;
      const message = (error as Error).message;
      const unknown = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
      if (unknown !== null) {
        throw new BroadsheetError('TEMPLATE_INVALID', `unknown field "${unknown[1]}" (column ${unknown[3]}).`, {
          file: displayPath(path),
          line: Number(unknown[2]),
          hint: 'Check the spelling; the fields a template can use are listed under "The digest" in README.md.',
          cause: error,
        });
      }
      throw new BroadsheetError('TEMPLATE_INVALID', `template failed: ${message}`, {
        file: displayPath(path),
        hint: 'Partials live in templates/partials/<name>.mjml and are used as {{> name}}.',
        cause: error,
      });
    }
  };
}
