import * as v from 'valibot';
import { emailAddress, strictObject, trimmedText } from '../config/schemaParts.js';
import { parseWrittenDate } from './parseDate.js';
import type { WrittenDate } from './parseDate.js';

/**
 * A date as text (YAML and JSON keep it as written) or a TOML date, whose ISO form is what was written: read
 * by parseWrittenDate, so a date without a zone is in the site's zone and the zone written is kept.
 */
function dateField(timeZone: string) {
  return v.pipe(
    v.union([v.date(), v.string()], 'must be a date such as 2026-03-14 or 2026-03-14T09:30:00Z'),
    v.rawTransform(({ dataset, addIssue, NEVER }): WrittenDate => {
      const value = dataset.value;
      const written = parseWrittenDate(value instanceof Date ? value.toISOString() : value, timeZone);
      if (written === undefined) {
        addIssue({ message: `"${value instanceof Date ? value.toISOString() : value}" is not a date; write it as YYYY-MM-DD or 2026-03-14T09:30:00Z` });
        return NEVER;
      }
      return written;
    }),
  );
}

const AUTHOR_SHAPES = 'must be a name, { name, email, url }, or a list of them';

const name = trimmedText('must not be empty');

const author = v.union(
  [
    v.pipe(
      name,
      v.transform((value): { name: string; email?: string; url?: string } => ({ name: value })),
    ),
    strictObject({
      name,
      email: v.optional(emailAddress('must be an e-mail address such as ann@example.org')),
      url: v.optional(v.pipe(v.string(), v.url('must be an absolute URL'))),
    }),
  ],
  AUTHOR_SHAPES,
);

/** `author` and `authors` take the same shapes: one author or a list. */
const authors = v.pipe(
  v.union([author, v.array(author)], AUTHOR_SHAPES),
  v.transform((value) => (Array.isArray(value) ? value : [value])),
);

const tags = v.pipe(
  v.union([v.array(v.union([v.string(), v.number()])), v.string()], 'must be a list such as [news, local] or a string "news, local"'),
  v.transform((value) => (typeof value === 'string' ? value.split(',') : value.map(String))),
);

const IMAGE_SHAPES = 'must be a path or URL, or { url, alt }';

/**
 * The fields of an article, under broadsheet's names (frontMatterFields finds them under a site's keys);
 * unknown keys are allowed (themes and other tools add their own).
 */
const schemaOf = (timeZone: string) => v.object({
  title: v.optional(v.pipe(v.union([v.string(), v.number()], 'must be text'), v.transform(String))),
  date: v.optional(dateField(timeZone)),
  publishDate: v.optional(dateField(timeZone)),
  updated: v.optional(dateField(timeZone)),
  expiryDate: v.optional(dateField(timeZone)),
  author: v.optional(authors),
  authors: v.optional(authors),
  tags: v.optional(tags),
  summary: v.optional(v.string('must be text')),
  image: v.optional(
    v.union(
      [
        v.pipe(
          v.string(),
          v.minLength(1, IMAGE_SHAPES),
          v.transform((url): { url: string; alt?: string } => ({ url })),
        ),
        v.object({ url: v.pipe(v.string(), v.minLength(1, IMAGE_SHAPES)), alt: v.optional(v.string()) }),
      ],
      IMAGE_SHAPES,
    ),
  ),
  draft: v.optional(v.boolean('must be true or false')),
  published: v.optional(v.boolean('must be true or false')),
  slug: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'))),
  id: v.optional(v.pipe(v.union([name, v.number()], 'must be text'), v.transform(String))),
  // Eleventy's `permalink: false` (no page of its own) keeps the site's article path.
  permalink: v.optional(v.pipe(v.union([v.string(), v.boolean()], 'must be a path such as /2013/05/06/night-ferry.html'), v.transform((value) => (typeof value === 'string' ? value : undefined)))),
  aliases: v.optional(
    v.pipe(
      v.union([v.string(), v.array(v.string())], 'must be a path or a list of paths such as [/old/path/]'),
      v.transform((value) => (typeof value === 'string' ? [value] : value)),
    ),
  ),
});

const schemas = new Map<string, ReturnType<typeof schemaOf>>();

/** The schema that reads dates without a zone in `timeZone`, made once per zone. */
export function frontMatterSchema(timeZone: string): ReturnType<typeof schemaOf> {
  let schema = schemas.get(timeZone);
  if (schema === undefined) {
    schema = schemaOf(timeZone);
    schemas.set(timeZone, schema);
  }
  return schema;
}

export type FrontMatter = v.InferOutput<ReturnType<typeof schemaOf>>;
