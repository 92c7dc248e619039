import { SaxesParser } from 'saxes';

/** An element as a strict XML 1.0 parser read it: attributes, child elements, and its own text and CDATA. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses with saxes, which throws on anything that is not well-formed XML 1.0 (a raw `<`, a forbidden character). */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  const current = () => open.at(-1) as XmlElement;
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    current().children.push(element);
    open.push(element);
  });
  parser.on('closetag', () => void open.pop());
  parser.on('text', (text) => void (current().text += text));
  parser.on('cdata', (text) => void (current().text += text));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return root.children[0] as XmlElement;
}

/** The children named `name`, at every depth below `element`. */
export function elementsNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...elementsNamed(child, name)]);
}

/** The direct child named `name`. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (found === undefined) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}
