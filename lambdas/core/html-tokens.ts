/**
 * A small, linear HTML tokenizer that reports where each tag starts and ends in the
 * original text, so the enrich step can splice new tags into a page and leave every
 * other character as it was.
 *
 * It follows the HTML standard's tokenizer where positions matter: comments (including
 * `<!-->` and `--!>`), bogus comments (`<!…>`, `<?…>`, `</ …>` and `<![CDATA[…` outside
 * SVG/MathML), doctypes, quoted attribute values holding `>`, raw text elements (`script`
 * with its escaped and double-escaped states, `style`, `xmp`, `iframe`, `noembed`,
 * `noframes`), RCDATA (`title`, `textarea`) and `plaintext`. Tag and attribute names are
 * lower-cased. It builds no tree; callers track the little structure they need.
 */

export interface HtmlAttribute {
  /** Lower-cased name. */
  readonly name: string;
  /** Raw value as written (character references not decoded); '' when absent. */
  readonly value: string;
  /** Offsets of the whole attribute (name to end of value) in the text. */
  readonly start: number;
  readonly end: number;
}

export interface StartTagToken {
  readonly kind: 'startTag';
  /** Lower-cased tag name. */
  readonly name: string;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just past the tag name (where a new attribute can be inserted). */
  readonly nameEnd: number;
  /** Offset just past `>`. */
  readonly end: number;
  readonly attributes: readonly HtmlAttribute[];
  readonly selfClosing: boolean;
}

export interface EndTagToken {
  readonly kind: 'endTag';
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface OtherToken {
  readonly kind: 'text' | 'comment' | 'doctype';
  readonly start: number;
  readonly end: number;
}

/** The raw content of a raw text / RCDATA element (between its start and end tags). */
export interface RawTextToken {
  readonly kind: 'rawText';
  /** The element it belongs to (`script`, `style`, `title`…). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export type HtmlToken = StartTagToken | EndTagToken | OtherToken | RawTextToken;

/** Elements whose content is raw text up to the matching end tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Elements whose content is text (character references allowed) up to the matching end tag. */
const RCDATA_ELEMENTS = new Set(['title', 'textarea']);
/** Roots of foreign content, where `<![CDATA[` is real CDATA and `<style>`/`<script>` are not raw text. */
const FOREIGN_ROOTS = new Set(['svg', 'math']);
/** HTML start tags that break out of unclosed SVG/MathML content (the tree builder pops it). */
const FOREIGN_BREAKOUT_TAGS = new Set(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strike strong sub sup table tt u ul var'.split(
    ' ',
  ),
);

const WHITESPACE = /[\t\n\f\r ]/;

/**
 * Tokenizes `html` from start to end, calling `visit` for every token in order.
 * Steps: 1. text up to the next `<`; 2. decide what the `<` opens (tag, end tag, comment,
 * doctype, bogus comment, or plain text); 3. after a raw text start tag, jump to its end tag.
 * `visit` may return `false` to stop early.
 */
export function tokenizeHtml(html: string, visit: (token: HtmlToken) => boolean | undefined): void {
  const length = html.length;
  let position = 0;
  let foreignDepth = 0;
  let textStart = 0;

  const flushText = (end: number): boolean => {
    if (end > textStart) return visit({ kind: 'text', start: textStart, end }) !== false;
    return true;
  };

  while (position < length) {
    const open = html.indexOf('<', position);
    if (open === -1) break;
    const next = html.charAt(open + 1);

    if (isAsciiAlpha(html.charCodeAt(open + 1))) {
      const tag = readTag(html, open, false);
      if (tag === undefined) break; // EOF inside a tag: the standard drops it.
      if (!flushText(open)) return;
      const token: StartTagToken = {
        kind: 'startTag',
        name: tag.name,
        start: tag.start,
        nameEnd: tag.nameEnd,
        end: tag.end,
        attributes: tag.attributes,
        selfClosing: tag.selfClosing,
      };
      if (visit(token) === false) return;
      position = tag.end;
      textStart = position;
      if (foreignDepth > 0 && FOREIGN_BREAKOUT_TAGS.has(tag.name)) foreignDepth = 0;
      if (FOREIGN_ROOTS.has(tag.name) && !tag.selfClosing) foreignDepth++;
      if (foreignDepth > 0) continue;
      const rawEnd = rawTextEnd(html, tag.name, position);
      if (rawEnd !== undefined) {
        if (
          rawEnd > position &&
          visit({ kind: 'rawText', name: tag.name, start: position, end: rawEnd }) === false
        ) {
          return;
        }
        position = rawEnd;
        textStart = position;
      }
      continue;
    }

    if (next === '/') {
      const after = html.charAt(open + 2);
      if (isAsciiAlpha(html.charCodeAt(open + 2))) {
        const tag = readTag(html, open + 1, true);
        if (tag === undefined) break;
        if (!flushText(open)) return;
        if (visit({ kind: 'endTag', name: tag.name, start: open, end: tag.end }) === false) return;
        if (FOREIGN_ROOTS.has(tag.name) && foreignDepth > 0) foreignDepth--;
        position = tag.end;
        textStart = position;
        continue;
      }
      if (after === '>') {
        // `</>` is dropped entirely.
        if (!flushText(open)) return;
        position = open + 3;
        textStart = position;
        continue;
      }
      if (after === '') break;
      // `</` + anything else opens a bogus comment up to the next `>`.
      const end = endOfBogusComment(html, open + 2);
      if (!flushText(open)) return;
      if (visit({ kind: 'comment', start: open, end }) === false) return;
      position = end;
      textStart = position;
      continue;
    }

    if (next === '!') {
      const end = endOfMarkupDeclaration(html, open, foreignDepth > 0);
      if (!flushText(open)) return;
      const kind = html.slice(open + 2, open + 9).toLowerCase() === 'doctype' ? 'doctype' : 'comment';
      if (visit({ kind, start: open, end }) === false) return;
      position = end;
      textStart = position;
      continue;
    }

    if (next === '?') {
      const end = endOfBogusComment(html, open + 1);
      if (!flushText(open)) return;
      if (visit({ kind: 'comment', start: open, end }) === false) return;
      position = end;
      textStart = position;
      continue;
    }

    // A lone `<` is text.
    position = open + 1;
  }
  flushText(length);
}

/** Collects every token (convenient for tests and small pages). */
export function htmlTokens(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  tokenizeHtml(html, (token) => {
    tokens.push(token);
    return true;
  });
  return tokens;
}

/** The value of attribute `name` (lower-case) on a start tag, or undefined when absent. */
export function attributeOf(tag: StartTagToken, name: string): string | undefined {
  return tag.attributes.find((attribute) => attribute.name === name)?.value;
}

interface TagParts {
  readonly name: string;
  readonly start: number;
  readonly nameEnd: number;
  readonly end: number;
  readonly attributes: HtmlAttribute[];
  readonly selfClosing: boolean;
}

// Character codes the tag reader compares (charCodeAt, no per-character strings or regexes).
const TAB = 0x09;
const LINE_FEED = 0x0a;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const SOLIDUS = 0x2f;
const EQUALS = 0x3d;
const GREATER_THAN = 0x3e;
const QUOTATION_MARK = 0x22;
const APOSTROPHE = 0x27;

/** A-Z or a-z (NaN, past the end of the text, is neither). */
function isAsciiAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** HTML whitespace: tab, line feed, form feed, carriage return, space. */
function isWhitespaceCode(code: number): boolean {
  return (
    code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN || code === FORM_FEED
  );
}

/**
 * Reads a tag whose name starts at `lessThan + 1` (for end tags, `lessThan` is the `/`).
 * Returns undefined when the text ends inside the tag.
 */
function readTag(html: string, lessThan: number, isEndTag: boolean): TagParts | undefined {
  const length = html.length;
  let position = lessThan + 1;
  const nameStart = position;
  while (position < length) {
    const code = html.charCodeAt(position);
    if (code === GREATER_THAN || code === SOLIDUS || isWhitespaceCode(code)) break;
    position++;
  }
  if (position >= length) return undefined;
  const name = html.slice(nameStart, position).toLowerCase();
  const nameEnd = position;
  const attributes: HtmlAttribute[] = [];
  let selfClosing = false;

  while (position < length) {
    const code = html.charCodeAt(position);
    if (isWhitespaceCode(code)) {
      position++;
      continue;
    }
    if (code === GREATER_THAN) {
      return {
        name,
        start: isEndTag ? lessThan - 1 : lessThan,
        nameEnd,
        end: position + 1,
        attributes,
        selfClosing,
      };
    }
    if (code === SOLIDUS) {
      position++;
      selfClosing = html.charCodeAt(position) === GREATER_THAN;
      continue;
    }
    selfClosing = false;
    // Attribute name: up to whitespace, `/`, `>` or `=` (an `=` in first place belongs to the name).
    const attributeStart = position;
    position++;
    while (position < length) {
      const nameCode = html.charCodeAt(position);
      if (
        nameCode === EQUALS ||
        nameCode === GREATER_THAN ||
        nameCode === SOLIDUS ||
        isWhitespaceCode(nameCode)
      ) {
        break;
      }
      position++;
    }
    const attributeName = html.slice(attributeStart, position).toLowerCase();
    let afterName = position;
    while (afterName < length && isWhitespaceCode(html.charCodeAt(afterName))) afterName++;
    if (html.charCodeAt(afterName) !== EQUALS) {
      attributes.push({ name: attributeName, value: '', start: attributeStart, end: position });
      position = afterName;
      continue;
    }
    position = afterName + 1;
    while (position < length && isWhitespaceCode(html.charCodeAt(position))) position++;
    const quote = html.charCodeAt(position);
    if (quote === QUOTATION_MARK || quote === APOSTROPHE) {
      const close = html.indexOf(quote === QUOTATION_MARK ? '"' : "'", position + 1);
      if (close === -1) return undefined;
      attributes.push({
        name: attributeName,
        value: html.slice(position + 1, close),
        start: attributeStart,
        end: close + 1,
      });
      position = close + 1;
      continue;
    }
    const valueStart = position;
    while (position < length) {
      const valueCode = html.charCodeAt(position);
      if (valueCode === GREATER_THAN || isWhitespaceCode(valueCode)) break;
      position++;
    }
    attributes.push({
      name: attributeName,
      value: html.slice(valueStart, position),
      start: attributeStart,
      end: position,
    });
  }
  return undefined;
}

function endOfBogusComment(html: string, from: number): number {
  const close = html.indexOf('>', from);
  return close === -1 ? html.length : close + 1;
}

/** End of whatever `<!` opens at `lessThan`: a comment, a doctype, CDATA or a bogus comment. */
function endOfMarkupDeclaration(html: string, lessThan: number, inForeignContent: boolean): number {
  if (html.startsWith('<!--', lessThan)) return endOfComment(html, lessThan + 4);
  if (inForeignContent && html.startsWith('<![CDATA[', lessThan)) {
    const close = html.indexOf(']]>', lessThan + 9);
    return close === -1 ? html.length : close + 3;
  }
  return endOfBogusComment(html, lessThan + 2);
}

/** `from` is just after `<!--`. Handles the abrupt `<!-->`, `<!--->` and the `--!>` ending. */
function endOfComment(html: string, from: number): number {
  if (html.charAt(from) === '>') return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  let position = from;
  while (position < html.length) {
    const dashes = html.indexOf('--', position);
    if (dashes === -1) return html.length;
    if (html.charAt(dashes + 2) === '>') return dashes + 3;
    if (html.startsWith('!>', dashes + 2)) return dashes + 4;
    position = dashes + 1;
  }
  return html.length;
}

/**
 * Where the content of raw text element `name` (opened just before `from`) ends: the
 * offset of its end tag, or the end of the text. Undefined when `name` is not raw text.
 */
function rawTextEnd(html: string, name: string, from: number): number | undefined {
  if (name === 'plaintext') return html.length;
  if (name === 'script') return scriptDataEnd(html, from);
  if (!RAW_TEXT_ELEMENTS.has(name) && !RCDATA_ELEMENTS.has(name)) return undefined;
  let position = from;
  while (position < html.length) {
    const candidate = html.indexOf('</', position);
    if (candidate === -1) return html.length;
    if (isAppropriateEndTag(html, candidate, name)) return candidate;
    position = candidate + 2;
  }
  return html.length;
}

/** `</name` followed by whitespace, `/` or `>`, case-insensitively. */
function isAppropriateEndTag(html: string, lessThan: number, name: string): boolean {
  if (html.slice(lessThan + 2, lessThan + 2 + name.length).toLowerCase() !== name) return false;
  const after = html.charAt(lessThan + 2 + name.length);
  return after === '>' || after === '/' || WHITESPACE.test(after);
}

/** `<script` followed by whitespace, `/` or `>`, case-insensitively (double-escape opener). */
function isScriptStart(html: string, lessThan: number): boolean {
  if (html.slice(lessThan + 1, lessThan + 7).toLowerCase() !== 'script') return false;
  const after = html.charAt(lessThan + 7);
  return after === '>' || after === '/' || WHITESPACE.test(after);
}

/**
 * Script data follows the standard's states: `<!--` enters the escaped state, where a
 * `<script` opens the double-escaped state in which `</script>` does NOT end the element;
 * `-->` leaves both.
 */
function scriptDataEnd(html: string, from: number): number {
  let position = from;
  let state: 'data' | 'escaped' | 'doubleEscaped' = 'data';
  while (position < html.length) {
    if (state === 'data') {
      const lessThan = html.indexOf('<', position);
      if (lessThan === -1) return html.length;
      if (html.startsWith('<!--', lessThan)) {
        state = 'escaped';
        // The dashes of `<!--` may also start the `-->` that closes it (`<!-->`).
        position = lessThan + 2;
        continue;
      }
      if (isAppropriateEndTag(html, lessThan, 'script')) return lessThan;
      position = lessThan + 1;
      continue;
    }
    const nextLessThan = html.indexOf('<', position);
    const nextClose = html.indexOf('-->', position);
    if (nextClose !== -1 && (nextLessThan === -1 || nextClose < nextLessThan)) {
      state = 'data';
      position = nextClose + 3;
      continue;
    }
    if (nextLessThan === -1) return html.length;
    if (state === 'escaped') {
      if (isAppropriateEndTag(html, nextLessThan, 'script')) return nextLessThan;
      if (isScriptStart(html, nextLessThan)) state = 'doubleEscaped';
    } else if (isAppropriateEndTag(html, nextLessThan, 'script')) {
      state = 'escaped';
    }
    position = nextLessThan + 1;
  }
  return html.length;
}
