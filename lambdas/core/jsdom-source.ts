/**
 * The code of a jsdom implementation method without whitespace, for the shape checks of the
 * modules that patch jsdom (lazy-inline-style.ts, parser-fast-path.ts): they patch only when
 * the method still contains the statements they were written against. Whitespace is
 * dropped so that a minified bundle (which has none) compares alike.
 */
const WHITESPACE_PATTERN = /\s+/g;

/** `method`'s source without whitespace; '' when it is not a function. */
export function compactSource(method: unknown): string {
  return typeof method === 'function'
    ? Function.prototype.toString.call(method).replace(WHITESPACE_PATTERN, '')
    : '';
}
