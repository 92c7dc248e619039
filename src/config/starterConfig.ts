import { parse } from 'valibot';
import { DEFAULT_FIELD_KEYS } from './resolvedConfig.js';
import type { ConfigFile } from './schema.js';
import { configSchema } from './schema.js';

/**
 * The config file `broadsheet init` writes: every key that has a default, at that default, taken from the
 * schema so that a key added later appears in new sites without anyone remembering to add it here. Keys with
 * no default (a copyright line, DKIM, the bounce address) stay out: JSON has no way to write "not set".
 */
export function starterConfig(templates: string): ConfigFile {
  const defaults = parse(configSchema, {});
  return {
    ...defaults,
    // The schema's default for fields is "each field's default keys", which reads as {}: spell them out.
    content: { ...defaults.content, fields: Object.fromEntries(Object.entries(DEFAULT_FIELD_KEYS).map(([field, keys]) => [field, [...keys]])) },
    // The new site's own copy of the templates, ready to edit.
    paths: { ...defaults.paths, templates },
  };
}
