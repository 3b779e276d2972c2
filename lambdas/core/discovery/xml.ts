/**
 * XML text helpers for the discovery files. Headlines, names and summaries come from
 * hostile pages: every value goes through `xmlText` (element content) or `xmlAttribute`
 * (attribute values), which strip what XML 1.0 forbids and escape the five markup characters.
 */

/**
 * Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) and lone
 * surrogates (the `u` flag matches an unpaired surrogate as one code point outside the
 * allowed ranges), plus the C1 controls XML 1.0 discourages: none belong in a headline.
 */
const XML_UNSAFE_CHARACTERS = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const WHITESPACE_RUN = /\s+/g;
const MARKUP_CHARACTER = /[&<>"']/g;
const MARKUP_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Removes characters that cannot appear in an XML 1.0 document (or a clean feed). */
export function stripUnsafeCharacters(value: string): string {
  return value.replace(XML_UNSAFE_CHARACTERS, '');
}

/** One-line display text: unsafe characters removed, whitespace runs collapsed, trimmed. */
export function cleanText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return stripUnsafeCharacters(value).replace(WHITESPACE_RUN, ' ').trim();
}

/** Escapes `&`, `<`, `>`, `"` and `'`; assumes unsafe characters are already gone. */
function escapeMarkup(value: string): string {
  return value.replace(MARKUP_CHARACTER, (character) => MARKUP_ENTITIES[character] ?? '');
}

/** Safe element content. */
export function xmlText(value: string): string {
  return escapeMarkup(stripUnsafeCharacters(value));
}

/** Safe attribute value (to be placed between double quotes). */
export function xmlAttribute(value: string): string {
  return escapeMarkup(stripUnsafeCharacters(value));
}

/** `<name>text</name>` with the text escaped. */
export function xmlElement(name: string, text: string): string {
  return `<${name}>${xmlText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** UTF-8 length of a string without allocating (the sitemap size limit is in bytes). */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
