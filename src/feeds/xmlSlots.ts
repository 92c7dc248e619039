import { stripXmlForbidden } from '../article/xmlText.js';

/**
 * `feed` hands its values to xml-js, which escapes only `"` in an attribute (so a `<` in a tag made every
 * feed invalid XML) and turns a literal `&amp;` in a text node back into `&`. So every text value goes to
 * `feed` as a slot: U+0000, a number, U+0000, which pass through `feed` untouched; `fill` then puts in each
 * value escaped here. No other value can hold U+0000: slotted ones are stripped of what XML forbids, as are
 * the CDATA sections (feedText.ts), and URLs are percent-encoded by `feed`'s URL parsing.
 */
export class XmlSlots {
  private readonly values: string[] = [];

  /** For an element's text. */
  text(value: string): string {
    return this.slot(escapeXmlText(value));
  }

  /** For an attribute's value, in double quotes. */
  attribute(value: string): string {
    return this.slot(escapeXmlAttribute(value));
  }

  fill(xml: string): string {
    // eslint-disable-next-line no-control-regex
    return xml.replace(/\u0000(\d+)\u0000/g, (_, index: string) => this.values[Number(index)] as string);
  }

  private slot(escaped: string): string {
    this.values.push(escaped);
    return `\u0000${this.values.length - 1}\u0000`;
  }
}

/**
 * A parser normalises a CR (alone or before LF) to LF, so CR is a character reference to survive
 * (https://www.w3.org/TR/xml/#sec-line-ends); characters XML forbids are removed.
 */
export function escapeXmlText(value: string): string {
  return stripXmlForbidden(value).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] as string);
}

/** In an attribute a parser also turns tab and LF into spaces (https://www.w3.org/TR/xml/#AVNormalize). */
export function escapeXmlAttribute(value: string): string {
  return stripXmlForbidden(value).replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] as string);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };
