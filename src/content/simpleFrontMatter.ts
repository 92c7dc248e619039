import * as jsYaml from 'js-yaml';
import type { Type } from 'js-yaml';

/** js-yaml exports the types of its schemas, though @types/js-yaml does not declare them. */
const { types } = jsYaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'merge', Type> };

/**
 * Front matter as nearly every file writes it: one `key: value` per line, where a value is a quoted string
 * without escapes, a plain word or phrase, or a one-line [list, of, words]. Read here in a few microseconds
 * instead of js-yaml's ~25 (a quarter of indexing 10,000 files); plain values are resolved by js-yaml's own
 * types (null, bool, int, float), in the order its schema for front matter (FRONT_MATTER_YAML, which keeps dates
 * as text) tries them. Anything else
 * (nesting, comments, escapes, anchors, tabs, a repeated key...) returns undefined and is left to js-yaml, which
 * also reports the errors. A test holds this equal to js-yaml over generated blocks.
 */
export function readSimpleFrontMatter(block: string): Record<string, unknown> | undefined {
  // js-yaml refuses C1 controls anywhere (decodeText already removed what XML forbids); tabs, line separators
  // and byte-order marks have rules of their own.
  if (/[\t\x7F-\x9F\u2028\u2029\uFEFF]/.test(block)) return undefined;
  const data: Record<string, unknown> = {};
  for (const line of block.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([A-Za-z_][\w-]*):(?: +(.*?))? *$/.exec(line);
    const key = match?.[1];
    const raw = match?.[2];
    if (key === undefined || raw === undefined || key === '__proto__' || Object.hasOwn(data, key) || typeof plainValue(key) !== 'string') return undefined;
    const value = raw.startsWith('[') ? flowList(raw) : scalar(raw);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  return data;
}

const UNSUPPORTED = Symbol('unsupported');

/** The implicit types of FRONT_MATTER_YAML but merge, in the order js-yaml resolves a plain scalar with them. */
const IMPLICIT = [types.null, types.bool, types.int, types.float];

function scalar(raw: string): unknown {
  const quoted = /^"([^"\\]*)"$/.exec(raw) ?? /^'([^']*)'$/.exec(raw);
  if (quoted !== null) return quoted[1];
  if (!isPlain(raw, /: | #|:$/)) return undefined;
  const value = plainValue(raw);
  return value === UNSUPPORTED ? undefined : value;
}

function flowList(raw: string): unknown[] | undefined {
  if (!raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1).trim();
  if (inner === '') return [];
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    // Inside [...], quotes and brackets would need a real flow parser; `:` and `#` start a pair or a comment.
    if (!isPlain(item, /[:#"'[\]{}]/)) return undefined;
    const value = plainValue(item);
    if (value === UNSUPPORTED) return undefined;
    items.push(value);
  }
  return items;
}

/** A plain scalar: it does not start with a YAML indicator and holds nothing that would end it in its context. */
function isPlain(text: string, forbidden: RegExp): boolean {
  return text !== '' && !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) && !forbidden.test(text);
}

/**
 * Every null, bool, int, float, timestamp and merge key of js-yaml starts with one of these or is one of
 * these words; other plain text is a string without trying each type's patterns.
 */
const MAYBE_TYPED = /^(?:[-+.0-9~<]|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)/;

function plainValue(text: string): unknown {
  if (!MAYBE_TYPED.test(text)) return text;
  for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return types.merge.resolve(text) ? UNSUPPORTED : text;
}
