import { z } from 'zod';
import { parseHumanDate } from './parseDate.js';

/** A YAML date is a Date already; a string may be any form parseHumanDate knows. */
const dateField = z.union([z.date(), z.string()]).transform((value, context) => {
  const date = value instanceof Date ? value : parseHumanDate(value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: `"${String(value)}" is not a date; write it as YYYY-MM-DD or 2026-03-14T09:30:00Z` });
    return z.NEVER;
  }
  return date;
});

const AUTHOR_SHAPES = 'a name, { name, email, url }, or a list of them';

const author = z.union(
  [
    z.string().trim().min(1).transform((name) => ({ name })),
    z.strictObject({ name: z.string().trim().min(1), email: z.email().optional(), url: z.url().optional() }),
  ],
  { error: `must be ${AUTHOR_SHAPES}` },
);

/** `author` and `authors` take the same shapes: one author or a list. */
const authors = z
  .union([author, z.array(author)], { error: `must be ${AUTHOR_SHAPES}` })
  .transform((value) => (Array.isArray(value) ? value : [value]));

const tags = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()], { error: 'must be a list such as [news, local] or a string "news, local"' })
  .transform((value) => (typeof value === 'string' ? value.split(',') : value.map(String)));

/** Front-matter keys an article may use; unknown keys are allowed (themes and other tools add their own). */
export const frontMatterSchema = z.object({
  title: z.union([z.string(), z.number()]).transform(String).optional(),
  date: dateField.optional(),
  updated: dateField.optional(),
  author: authors.optional(),
  authors: authors.optional(),
  tags: tags.optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  image: z
    .union([z.string().min(1).transform((url) => ({ url })), z.object({ url: z.string().min(1), alt: z.string().optional() })], {
      error: 'must be a path or URL, or { url, alt }',
    })
    .optional(),
  draft: z.boolean({ error: 'must be true or false' }).optional(),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens').optional(),
  id: z.union([z.string().trim().min(1), z.number()]).transform(String).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
