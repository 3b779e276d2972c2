/**
 * Bytes in, text out: picks the character encoding the way a browser would (the HTML
 * standard's "determine the character encoding" order), refuses inputs that are empty,
 * too large or not text, and tells HTML from plain text and Markdown.
 *
 * Pure: no fs, no process.env. Node's TextDecoder carries full ICU, so every legacy
 * encoding the web uses (windows-1252, ISO-8859-x, Shift_JIS, EUC-JP, GBK, Big5, KOI8-R…)
 * decodes natively.
 */
// Pure computation over bytes (simdutf): 200 times faster than decoding a page to find out.
import { isAscii, isUtf8 } from 'node:buffer';
import { DEFAULT_MAX_OBJECT_BYTES } from '../contract';
import { BinaryInputError, EmptyInputError, InputTooLargeError } from './errors';
import type { ArticleContext, InputKind } from './types';

export interface DecodedInput {
  readonly text: string;
  /** WHATWG encoding name, e.g. `utf-8`, `windows-1252`, `shift_jis`. */
  readonly encoding: string;
  readonly kind: InputKind;
  /** Whether the bytes started with a byte order mark (which then decided the encoding). */
  readonly bom: boolean;
  /**
   * The page's own `<meta>` charset when the bytes overruled it (valid UTF-8 declared as a
   * legacy encoding): the enriched page must then declare `encoding` instead.
   */
  readonly overruledDeclaration?: string;
}

export interface DecodeOptions extends ArticleContext {
  /** Refuse inputs larger than this many bytes. @default DEFAULT_MAX_OBJECT_BYTES (10 MB) */
  readonly maxBytes?: number;
}

/** The HTML standard prescans this many bytes for a `<meta charset>`. */
export const DEFAULT_PRESCAN_BYTES = 1024;
/** How many leading bytes the binary sniffers look at. */
export const DEFAULT_SNIFF_BYTES = 8192;
/** Above this share of C0 control bytes (other than tab, LF, FF, CR, ESC) the input is not text. */
export const DEFAULT_MAX_CONTROL_RATIO = 0.05;
/** Above this share of NUL bytes the input is not text (UTF-16 without BOM, images…). */
export const DEFAULT_MAX_NUL_RATIO = 0.01;
/** A few stray control (or NUL) bytes never make a file binary, however short it is. */
export const DEFAULT_TOLERATED_CONTROL_BYTES = 8;
/** Encoding used when nothing declares one and the bytes are not valid UTF-8. */
export const DEFAULT_FALLBACK_ENCODING = 'windows-1252';

const UTF8 = 'utf-8';
const UTF16LE = 'utf-16le';
const UTF16BE = 'utf-16be';

/** File signatures of formats publishers upload by mistake. */
const BINARY_SIGNATURES: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { name: 'a ZIP archive (or DOCX/EPUB)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'an empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a GZIP archive', bytes: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a bzip2 archive', bytes: [0x42, 0x5a, 0x68] }, // BZh
  { name: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a RIFF media file (WebP/WAV/AVI)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'an old Microsoft Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

const SUFFIX_KINDS: readonly (readonly [string, InputKind])[] = [
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html'],
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
];

const CHARSET_PARAM = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i;
const HTML_SNIFF =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|\?xml|html|head|body|article|main|meta|link|title|script|style|noscript|div|section|header|nav|table|center|font|span|a|b|br|img|p|h[1-6])[\s>/]/i;
/^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|meta|title|div|section|p|h[1-6])[\s>/]/i;
/** Pages often start with junk (a PHP warning, a stray fragment) before the real document. */
const HTML_ANYWHERE = /<(?:!doctype\s+html|html|head|body|article|main)[\s>]/i;
const MARKDOWN_SNIFF =
  /^(?:---\r?\n[\s\S]*?\r?\n---\r?\n|#{1,6} \S|[\s\S]*\n#{1,6} \S|[\s\S]*\]\(https?:\/\/)/;

/**
 * Decodes one uploaded file.
 *
 * Steps:
 *  1. Refuse oversized (before anything else, it is the cheapest check) and empty input.
 *  2. Refuse known binary signatures.
 *  3. Pick the encoding: BOM, then the transport charset (`context.contentType`), then the
 *     `<meta charset>` / `http-equiv` prescan of the first 1024 bytes (HTML only) unless the
 *     bytes are valid UTF-8 with multi-byte sequences (see `isStaleLegacyDeclaration`), then
 *     UTF-8 when the bytes are valid UTF-8, else windows-1252.
 *  4. Refuse NUL bytes and control-byte noise (not for UTF-16, where NULs are normal).
 *  5. Decode; refuse whitespace-only text.
 *  6. Decide the kind: file suffix, then content type, then sniffing the text.
 */
export function decodeInput(bytes: Uint8Array, context: DecodeOptions = {}): DecodedInput {
  const maxBytes = context.maxBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  if (bytes.byteLength > maxBytes) throw new InputTooLargeError(bytes.byteLength, maxBytes);
  if (bytes.byteLength === 0) throw new EmptyInputError();

  const signature = binarySignature(bytes);
  if (signature) throw new BinaryInputError(`it is ${signature}`);

  const hintedKind = kindFromName(context.sourceName) ?? kindFromContentType(context.contentType);
  const bomEncoding = encodingFromBom(bytes);
  const transportEncoding = bomEncoding ?? charsetFromContentType(context.contentType);
  const declared =
    transportEncoding === undefined && (hintedKind === undefined || hintedKind === 'html')
      ? prescanMetaCharset(bytes)
      : undefined;
  const overruled = declared !== undefined && isStaleLegacyDeclaration(bytes, declared);
  const encoding = transportEncoding ?? (overruled ? UTF8 : declared) ?? defaultEncoding(bytes);

  if (encoding !== UTF16LE && encoding !== UTF16BE) assertLooksLikeText(bytes);

  const text = decodeBytes(bytes, encoding);
  if (text.trim() === '') throw new EmptyInputError();

  return {
    text,
    encoding,
    kind: hintedKind ?? sniffKind(text),
    bom: bomEncoding !== undefined,
    ...(overruled ? { overruledDeclaration: declared } : {}),
  };
}

/**
 * Encodes a page for writing back: one text, or the pieces that make it up in order (an
 * edited page is encoded piece by piece, so the whole page is never copied into one string
 * first: for a page of 200 KB that copy costs more than the encoding).
 *
 * UTF-8 and UTF-16 are kept (UTF-16 gets a BOM so browsers need no declaration). Node can
 * only *encode* UTF-8 (TextEncoder), so any legacy encoding (windows-1252, Shift_JIS…)
 * comes back as UTF-8 with `encoding: 'utf-8'`: the caller must then make the page's
 * `<meta charset>` (and the object's Content-Type) say utf-8.
 */
export function encodeOutput(
  text: string | readonly string[],
  encoding: string,
): { bytes: Uint8Array; encoding: string } {
  const name = resolveEncoding(encoding);
  if (name === UTF16LE || name === UTF16BE) {
    return { bytes: encodeUtf16(typeof text === 'string' ? text : text.join(''), name), encoding: name };
  }
  return {
    bytes: typeof text === 'string' ? UTF8_ENCODER.encode(text) : encodeUtf8Pieces(text),
    encoding: UTF8,
  };
}

const UTF8_ENCODER = new TextEncoder();

/**
 * The UTF-8 bytes of the pieces' concatenation. Pieces are cut at markup (tag and attribute
 * boundaries), never inside a surrogate pair, so each encodes on its own.
 */
function encodeUtf8Pieces(pieces: readonly string[]): Uint8Array {
  const encoded = pieces.map((piece) => UTF8_ENCODER.encode(piece));
  let length = 0;
  for (const bytes of encoded) length += bytes.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const bytes of encoded) {
    out.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return out;
}

/**
 * The WHATWG name for an encoding label (`latin1` → `windows-1252`), or undefined when the
 * label is unknown or not decodable here.
 */
export function resolveEncoding(label: string): string | undefined {
  const trimmed = label.trim();
  if (trimmed === '') return undefined;
  // x-user-defined is only meaningful for XHR; browsers treat it as windows-1252 for documents.
  if (trimmed.toLowerCase() === 'x-user-defined') return DEFAULT_FALLBACK_ENCODING;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

/**
 * WHATWG windows-1252 code points for bytes 0x80..0x9F. Node 20's ICU TextDecoder decodes
 * the label as ISO-8859-1 (C1 controls instead of curly quotes, euro sign, dashes), so the
 * one encoding most legacy pages use is mapped here.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;
const DECODE_CHUNK = 8192;

/** Decodes with the WHATWG encoding `encoding`; strips a BOM that matches it. */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  if (encoding !== DEFAULT_FALLBACK_ENCODING) return new TextDecoder(encoding).decode(bytes);
  let out = '';
  const codes = new Array<number>(DECODE_CHUNK);
  for (let start = 0; start < bytes.byteLength; start += DECODE_CHUNK) {
    const end = Math.min(start + DECODE_CHUNK, bytes.byteLength);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      codes[i - start] = byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function encodeUtf16(text: string, encoding: typeof UTF16LE | typeof UTF16BE): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  const littleEndian = encoding === UTF16LE;
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.byteLength < prefix.length) return false;
  return prefix.every((byte, i) => bytes[i] === byte);
}

function binarySignature(bytes: Uint8Array): string | undefined {
  return BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes))?.name;
}

function encodingFromBom(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return UTF8;
  if (startsWith(bytes, [0xfe, 0xff])) return UTF16BE;
  if (startsWith(bytes, [0xff, 0xfe])) return UTF16LE;
  return undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = CHARSET_PARAM.exec(contentType);
  const label = match?.[1] ?? match?.[2] ?? match?.[3];
  return label === undefined ? undefined : resolveEncoding(label);
}

/**
 * Whether a `<meta>`-declared legacy charset is stale: pages re-saved as UTF-8 by a CMS or a
 * crawler often keep their old GB2312 / ISO-8859-1 declaration, and a browser then shows
 * mojibake. Text really written in a legacy encoding is practically never valid UTF-8 once
 * it holds non-ASCII bytes, so valid UTF-8 with multi-byte sequences overrules the meta tag.
 */
function isStaleLegacyDeclaration(bytes: Uint8Array, declared: string): boolean {
  if (declared === UTF8 || declared === UTF16LE || declared === UTF16BE) return false;
  return !isAscii(bytes) && isUtf8(bytes);
}

function defaultEncoding(bytes: Uint8Array): string {
  return isUtf8(bytes) ? UTF8 : DEFAULT_FALLBACK_ENCODING;
}

function assertLooksLikeText(bytes: Uint8Array): void {
  const sample = bytes.subarray(0, DEFAULT_SNIFF_BYTES);
  let nuls = 0;
  let controls = 0;
  let visible = 0;
  for (const byte of sample) {
    // Tab, LF, FF, CR are text; ESC is used by ISO-2022-JP.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
      controls++;
      if (byte === 0) nuls++;
    } else if (byte > 0x20) {
      visible++;
    }
  }
  // However short the file, control bytes that outnumber its visible characters are not stray.
  if (controls > 0 && controls >= visible) {
    throw new BinaryInputError(
      `${controls} of its ${sample.byteLength} bytes are control bytes, and little else`,
    );
  }
  // Real pages do carry a few stray NULs (a CMS pasting binary junk); binary files have them throughout.
  const tolerated = Math.max(DEFAULT_TOLERATED_CONTROL_BYTES, sample.byteLength * DEFAULT_MAX_CONTROL_RATIO);
  if (nuls > Math.max(DEFAULT_TOLERATED_CONTROL_BYTES, sample.byteLength * DEFAULT_MAX_NUL_RATIO)) {
    throw new BinaryInputError(`it contains NUL bytes (${nuls} in its first ${sample.byteLength} bytes)`);
  }
  if (controls > tolerated) {
    throw new BinaryInputError(`${controls} of its first ${sample.byteLength} bytes are control bytes`);
  }
}

function kindFromName(sourceName: string | undefined): InputKind | undefined {
  if (!sourceName) return undefined;
  const name = sourceName.replace(/[?#].*$/, '').toLowerCase();
  return SUFFIX_KINDS.find(([suffix]) => name.endsWith(suffix))?.[1];
}

function kindFromContentType(contentType: string | undefined): InputKind | undefined {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mime) return undefined;
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/markdown' || mime === 'text/x-markdown') return 'markdown';
  if (mime === 'text/plain') return 'text';
  return undefined;
}

function sniffKind(text: string): InputKind {
  const head = text.slice(0, DEFAULT_PRESCAN_BYTES).replace(/^\uFEFF/, '');
  if (HTML_SNIFF.test(head) || HTML_ANYWHERE.test(text.slice(0, DEFAULT_SNIFF_BYTES))) return 'html';
  if (MARKDOWN_SNIFF.test(text.slice(0, DEFAULT_SNIFF_BYTES))) return 'markdown';
  return 'text';
}

// ---------------------------------------------------------------------------------------
// The HTML standard's "prescan a byte stream to determine its encoding", over the first
// 1024 bytes read as Latin-1 (every byte one char, so offsets are byte offsets).
// ---------------------------------------------------------------------------------------

const TAG_SPACE = /[\t\n\f\r />]/;

interface PrescanAttribute {
  readonly name: string;
  readonly value: string;
  readonly end: number;
}

/** Returns the encoding a `<meta>` in the first 1024 bytes declares, if any. */
export function prescanMetaCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, DEFAULT_PRESCAN_BYTES));
  let i = 0;
  while (i < head.length) {
    if (head.startsWith('<!--', i)) {
      const close = head.indexOf('-->', i + 2);
      if (close === -1) return undefined;
      i = close + 3;
    } else if (/^<meta[\t\n\f\r /]/i.test(head.slice(i, i + 6))) {
      const result = prescanMeta(head, i + 5);
      if (result.encoding) return result.encoding;
      i = result.end;
    } else if (/^<\/?[a-z]/i.test(head.slice(i, i + 3))) {
      i = skipTag(head, i);
    } else if (head.startsWith('<!', i) || head.startsWith('</', i) || head.startsWith('<?', i)) {
      const close = head.indexOf('>', i + 2);
      if (close === -1) return undefined;
      i = close + 1;
    } else {
      i++;
    }
  }
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

function skipTag(head: string, start: number): number {
  let i = start + 1;
  while (i < head.length && !TAG_SPACE.test(head.charAt(i))) i++;
  for (;;) {
    const attribute = readAttribute(head, i);
    if (!attribute) return head.indexOf('>', i) === -1 ? head.length : head.indexOf('>', i) + 1;
    i = attribute.end;
  }
}

function prescanMeta(head: string, start: number): { encoding?: string; end: number } {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | undefined;
  let charset: string | undefined;
  let i = start;
  for (;;) {
    const attribute = readAttribute(head, i);
    if (!attribute) break;
    i = attribute.end;
    if (seen.has(attribute.name)) continue;
    seen.add(attribute.name);
    if (attribute.name === 'http-equiv') {
      if (attribute.value.toLowerCase() === 'content-type') gotPragma = true;
    } else if (attribute.name === 'content') {
      const fromContent = charsetFromMetaContent(attribute.value);
      if (fromContent !== undefined && charset === undefined) {
        charset = fromContent;
        needPragma = true;
      }
    } else if (attribute.name === 'charset') {
      charset = attribute.value;
      needPragma = false;
    }
  }
  const end = Math.max(i, head.indexOf('>', start) + 1);
  if (charset === undefined || needPragma === undefined || (needPragma && !gotPragma)) return { end };
  let encoding = resolveEncoding(charset);
  // A document that could be read this far as ASCII-compatible bytes is not UTF-16.
  if (encoding === UTF16LE || encoding === UTF16BE) encoding = UTF8;
  return encoding ? { encoding, end } : { end };
}

function charsetFromMetaContent(content: string): string | undefined {
  const match = /charset\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s;"']+))/i.exec(content);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Reads one attribute at `start` (skipping leading whitespace and slashes); undefined at `>` or end. */
function readAttribute(head: string, start: number): PrescanAttribute | undefined {
  let i = start;
  while (i < head.length && /[\t\n\f\r /]/.test(head.charAt(i))) i++;
  if (i >= head.length || head.charAt(i) === '>') return undefined;
  let name = '';
  while (i < head.length) {
    const char = head.charAt(i);
    if (char === '=' && name !== '') break;
    if (/[\t\n\f\r />]/.test(char)) break;
    name += char.toLowerCase();
    i++;
  }
  while (i < head.length && /[\t\n\f\r ]/.test(head.charAt(i))) i++;
  if (head.charAt(i) !== '=') return { name, value: '', end: i };
  i++;
  while (i < head.length && /[\t\n\f\r ]/.test(head.charAt(i))) i++;
  const quote = head.charAt(i);
  if (quote === '"' || quote === "'") {
    const close = head.indexOf(quote, i + 1);
    if (close === -1) return { name, value: head.slice(i + 1), end: head.length };
    return { name, value: head.slice(i + 1, close), end: close + 1 };
  }
  let value = '';
  while (i < head.length && !/[\t\n\f\r >]/.test(head.charAt(i))) {
    value += head.charAt(i);
    i++;
  }
  return { name, value, end: i };
}
