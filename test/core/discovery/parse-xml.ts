/** Test helper: parses XML strictly and reads it by namespace. */
import { JSDOM } from 'jsdom';

const PARSER_ERROR_NAMESPACE = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';
// One window for every parse: the XML parser runs no scripts and loads no resources.
const parser = new new JSDOM('').window.DOMParser();

/** Parses `xml`; throws when it is not well-formed XML 1.0 (jsdom reports that as a parsererror document). */
export function parseXml(xml: string): Document {
  const document = parser.parseFromString(xml, 'application/xml');
  if (document.documentElement.namespaceURI === PARSER_ERROR_NAMESPACE) {
    throw new Error(`not well-formed XML: ${document.documentElement.textContent}`);
  }
  return document;
}

/** Element children of `parent` in `namespace` named `localName`. */
export function children(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.children).filter(
    (child) => child.namespaceURI === namespace && child.localName === localName,
  );
}

/** Text of the one child `localName` in `namespace`; throws when missing or repeated. */
export function childText(parent: Element, namespace: string, localName: string): string {
  const found = children(parent, namespace, localName);
  if (found.length !== 1)
    throw new Error(`expected one <${localName}> in <${parent.localName}>, found ${found.length}`);
  return found[0]?.textContent ?? '';
}
