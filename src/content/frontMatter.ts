import * as v from 'valibot';
import { emailAddress, strictObject, trimmedText } from '../config/schemaParts.js';
import { parseHumanDate } from './parseDate.js';

/** A YAML date is a Date already; a string may be any form parseHumanDate knows. */
const dateField = v.pipe(
  v.union([v.date(), v.string()], 'must be a date such as 2026-03-14 or 2026-03-14T09:30:00Z'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    const date = value instanceof Date ? value : parseHumanDate(value);
    if (date === undefined || Number.isNaN(date.getTime())) {
      addIssue({ message: `"${String(value)}" is not a date; write it as YYYY-MM-DD or 2026-03-14T09:30:00Z` });
      return NEVER;
    }
    return date;
  }),
);

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

/** Front-matter keys an article may use; unknown keys are allowed (themes and other tools add their own). */
export const frontMatterSchema = v.object({
  title: v.optional(v.pipe(v.union([v.string(), v.number()], 'must be text'), v.transform(String))),
  date: v.optional(dateField),
  updated: v.optional(dateField),
  author: v.optional(authors),
  authors: v.optional(authors),
  tags: v.optional(tags),
  summary: v.optional(v.string('must be text')),
  description: v.optional(v.string('must be text')),
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
  slug: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'))),
  id: v.optional(v.pipe(v.union([name, v.number()], 'must be text'), v.transform(String))),
});

export type FrontMatter = v.InferOutput<typeof frontMatterSchema>;
