import { XMLParser } from 'fast-xml-parser';

/**
 * XML for project files (`*.csproj`, `pom.xml`, `packages.config`). Entities are left unexpanded
 * (no entity-expansion blow-ups) and every element is an array, so walking is uniform.
 */

export type XmlElement = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The document root object, or undefined for text that is not XML. */
export function parseXml(text: string): XmlElement | undefined {
  try {
    const doc = parser.parse(text) as unknown;
    return doc && typeof doc === 'object' ? (doc as XmlElement) : undefined;
  } catch {
    return undefined;
  }
}

/** Child elements with a tag name (case-sensitive, like MSBuild and Maven). */
export function children(element: XmlElement | undefined, tag: string): XmlElement[] {
  const value = element?.[tag];
  if (!Array.isArray(value)) return [];
  return value.map((item) => (item && typeof item === 'object' ? (item as XmlElement) : { '#text': String(item) }));
}

/** All descendant elements with a tag name, in document order. */
export function descendants(element: XmlElement | undefined, tag: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@') || key === '#text' || !Array.isArray(value)) continue;
      for (const item of value) {
        if (!item || typeof item !== 'object') continue;
        if (key === tag) found.push(item as XmlElement);
        walk(item as XmlElement);
      }
    }
  };
  if (element) walk(element);
  return found;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  const value = element[`@${name}`];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The text of the first child element with a tag name (`<version>1.0</version>`). */
export function childText(element: XmlElement | undefined, tag: string): string | undefined {
  const value = element?.[tag];
  const first = Array.isArray(value) ? value[0] : undefined;
  if (typeof first === 'string') return first.trim();
  if (first && typeof first === 'object' && typeof (first as XmlElement)['#text'] === 'string') {
    return ((first as XmlElement)['#text'] as string).trim();
  }
  return undefined;
}
