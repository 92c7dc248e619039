import type { GenericSchema } from 'valibot';
import { configSchema } from '../../src/config/schema.js';

interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
}

/** Every leaf key of the config schema as a dotted path (`site.timezone`), sections and objects of keys walked. */
export function configKeys(schema: GenericSchema = configSchema, prefix = ''): string[] {
  const node = unwrap(schema as unknown as SchemaNode);
  if (node.type !== 'strict_object' || node.entries === undefined) return [prefix];
  return Object.entries(node.entries).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const inner = unwrap(child);
    // A section (site, email) and a nested setting made of keys (site.author, email.dkim) are both objects;
    // the settings are documented as one key, so only the top level is walked into.
    return prefix === '' && inner.type === 'strict_object' ? configKeys(inner as unknown as GenericSchema, path) : [path];
  });
}

function unwrap(node: SchemaNode): SchemaNode {
  return node.type === 'optional' && node.wrapped !== undefined ? unwrap(node.wrapped) : node;
}
