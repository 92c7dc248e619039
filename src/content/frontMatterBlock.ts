import { createRequire } from 'node:module';
import * as jsYaml from 'js-yaml';
import type * as SmolToml from 'smol-toml';
import { BroadsheetError } from '../errors.js';
import { readSimpleFrontMatter } from './simpleFrontMatter.js';

/** The front matter of a file, read but not yet validated, and where things are in the file. */
export interface FrontMatterBlock {
  data: Record<string, unknown>;
  /** The text after the front matter. */
  content: string;
  /** The 1-based line of the file the content starts on. */
  contentLine: number;
  /** The lines of the front matter block with their 1-based line numbers, to name the line of a key. */
  head: { text: string; firstLine: number };
}

const require = createRequire(import.meta.url);
let toml: typeof SmolToml | undefined;

/**
 * js-yaml's default schema without its timestamp type: a date is kept as the text written, so one parser
 * (parseDate) reads every date of every front-matter language in the site's time zone. (js-yaml reads
 * `2021-02-30` as March 2 and a date without a zone as UTC.)
 */
const { CORE_SCHEMA, types } = jsYaml as unknown as { CORE_SCHEMA: jsYaml.Schema; types: Record<'merge' | 'binary' | 'omap' | 'pairs' | 'set', jsYaml.Type> };
export const FRONT_MATTER_YAML = CORE_SCHEMA.extend({ implicit: [types.merge], explicit: [types.binary, types.omap, types.pairs, types.set] });

const HINTS = {
  yaml: 'Check the quoting, brackets and indentation on that line and the line before; quote values that contain ": " or start with a special character.',
  toml: 'Check the quoting and brackets on that line: TOML strings are quoted ("..."), lists are [ ... ], tables [name].',
  json: 'Check the quotes and commas on that line: JSON keys and strings are in double quotes, with no comma after the last item.',
};

/**
 * Splits the front matter off a file and reads it, never evaluating it: YAML between `---` lines (Jekyll,
 * Eleventy, Hugo), TOML between `+++` lines (Hugo's and Zola's default; also `---toml`), or a JSON object at
 * the top (Hugo). Blank lines before the opening fence are allowed, as the tools allow them. Without front
 * matter the data is empty and the content is the whole text.
 */
export function readFrontMatter(text: string, file: string): FrontMatterBlock {
  const start = /^\s*/.exec(text)?.[0] ?? '';
  const firstLine = start.split('\n').length;
  const rest = text.slice(start.length);
  const none = { data: {}, content: text, contentLine: 1, head: { text: '', firstLine: 1 } };
  if (rest.startsWith('{')) return readJson(rest, firstLine, file) ?? none;
  const fence = /^(---|\+\+\+)([^\n]*)(?:\n|$)/.exec(rest);
  if (fence === null || (fence[1] === '---' && fence[2]?.startsWith('-'))) return none;
  const language = fence[1] === '+++' ? 'toml' : (fence[2] as string).trim() || 'yaml';
  if (language !== 'yaml' && language !== 'toml' && language !== 'json') {
    throw new BroadsheetError('CONTENT_FRONT_MATTER', `front matter in "${language}" is not supported.`, {
      file,
      line: firstLine,
      hint: 'Write the front matter in YAML between two --- lines, or in TOML between two +++ lines.',
    });
  }
  const closing = new RegExp(`\\n${fence[1] === '+++' ? '\\+\\+\\+' : '---'}[ \\t]*(?:\\n|$)`);
  const blockStart = fence[0].length - 1;
  const close = closing.exec(rest.slice(blockStart));
  const block = close === null ? rest.slice(blockStart) : rest.slice(blockStart, blockStart + close.index);
  const content = close === null ? '' : rest.slice(blockStart + close.index + close[0].length);
  const contentLine = firstLine + block.split('\n').length + (close === null ? 0 : 1);
  const head = { text: block, firstLine };
  if (block.trim() === '') return { data: {}, content, contentLine, head };
  return { data: parseBlock(language, block, firstLine, file), content, contentLine, head };
}

/** `block` starts with the newline after the opening fence, so its 0-based lines are lines after `fenceLine`. */
function parseBlock(language: 'yaml' | 'toml' | 'json', block: string, fenceLine: number, file: string): Record<string, unknown> {
  try {
    if (language === 'yaml') return asObject(readSimpleFrontMatter(block) ?? jsYaml.load(block, { schema: FRONT_MATTER_YAML }));
    if (language === 'json') return asObject(JSON.parse(block));
    toml ??= require('smol-toml') as typeof SmolToml;
    return toml.parse(block);
  } catch (error) {
    throw syntaxError(language, error, fenceLine, block, file);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('the front matter must be a set of keys and values');
  return value as Record<string, unknown>;
}

/** A JSON object at the top of the file, up to its closing brace (strings and nesting counted). */
function readJson(rest: string, firstLine: number, file: string): FrontMatterBlock | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const block = rest.slice(0, i + 1);
      const data = parseBlock('json', block, firstLine - 1, file);
      const after = rest.slice(i + 1).replace(/^[^\n]*\n?/, '');
      return { data, content: after, contentLine: firstLine + block.split('\n').length, head: { text: `\n${block}`, firstLine: firstLine - 1 } };
    }
  }
  return undefined;
}

function syntaxError(language: 'yaml' | 'toml' | 'json', error: unknown, fenceLine: number, block: string, file: string): BroadsheetError {
  const line = errorLine(error, block);
  const reason =
    (error as { reason?: string }).reason ?? (error as Error).message.replace(/^Invalid TOML document: /, '').split('\n')[0]?.replace(/ in JSON at position \d+.*$/, '');
  return new BroadsheetError('CONTENT_FRONT_MATTER', `front matter is not valid ${language.toUpperCase()}: ${reason}.`, {
    file,
    line: line === undefined ? fenceLine : fenceLine + line,
    hint: HINTS[language],
    cause: error,
  });
}

/** The 0-based line of the block an error points at: js-yaml's mark, smol-toml's 1-based line, JSON's position. */
function errorLine(error: unknown, block: string): number | undefined {
  const mark = (error as { mark?: { line?: number } }).mark;
  if (mark?.line !== undefined) return mark.line;
  const tomlLine = (error as { line?: number }).line;
  if (typeof tomlLine === 'number') return tomlLine - 1;
  const position = /at position (\d+)/.exec((error as Error).message)?.[1];
  return position === undefined ? undefined : block.slice(0, Number(position)).split('\n').length;
}
