/**
 * JSON for a `<script type="application/ld+json">` element.
 *
 * The graph carries page text, which is hostile: a headline such as `</script><script>…`
 * must not end the element, and `<!--` must not switch the HTML tokenizer into its escaped
 * script states. Escaping `<`, `>` and `&` as \uXXXX makes that impossible while the JSON
 * still parses to the same value; U+2028 and U+2029 are escaped too because older
 * JavaScript engines treat them as line terminators inside string literals.
 */

/** Characters that never appear raw in the serialized JSON. */
const UNSAFE_IN_SCRIPT_PATTERN = /[<>&\u2028\u2029]/g;
/** Any character outside printable ASCII, for pages written in a legacy encoding. */
const NON_ASCII_PATTERN = /[^\u0020-\u007e\n]/g;

export interface JsonLdScriptOptions {
  /** Indentation passed to JSON.stringify. @default undefined (compact) */
  readonly space?: number;
  /**
   * Escape every non-ASCII character too, so the text survives any ASCII-compatible
   * encoding (a windows-1252 or Shift_JIS page). @default false
   */
  readonly asciiOnly?: boolean;
}

/** JSON text safe to place between `<script type="application/ld+json">` and `</script>`. */
export function serializeJsonLdForHtml(value: unknown, options: JsonLdScriptOptions = {}): string {
  const json = JSON.stringify(value, null, options.space);
  if (json === undefined) {
    throw new TypeError('The JSON-LD value cannot be serialized (undefined or a function); pass an object.');
  }
  const pattern = options.asciiOnly ? NON_ASCII_PATTERN : UNSAFE_IN_SCRIPT_PATTERN;
  const escaped = json.replace(pattern, toUnicodeEscape);
  // `<>&` are ASCII, so the ASCII-only pass must still catch them.
  return options.asciiOnly ? escaped.replace(UNSAFE_IN_SCRIPT_PATTERN, toUnicodeEscape) : escaped;
}

/** The whole element, ready to splice into a page. */
export function jsonLdScriptElement(value: unknown, options: JsonLdScriptOptions = {}): string {
  return `<script type="application/ld+json">${serializeJsonLdForHtml(value, options)}</script>`;
}

function toUnicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
