import { DEFAULT_MAX_OBJECT_BYTES } from '../../lambdas/contract';
import { decodeInput, encodeOutput, prescanMetaCharset, resolveEncoding } from '../../lambdas/core/decode';
import { BinaryInputError, EmptyInputError, InputTooLargeError } from '../../lambdas/core/errors';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? Uint8Array.from(part, (c) => c.charCodeAt(0)) : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};

describe('decodeInput: encoding precedence (HTML standard order)', () => {
  test('a BOM wins over the transport charset and the meta charset', () => {
    // GIVEN UTF-8 bytes with a BOM that claim windows-1252 everywhere else
    const input = bytes([0xef, 0xbb, 0xbf], '<meta charset="windows-1252"><p>caf', [0xc3, 0xa9], '</p>');
    // WHEN decoded with a contradicting transport charset
    const decoded = decodeInput(input, { contentType: 'text/html; charset=iso-8859-2' });
    // THEN the BOM decides, and is not part of the text
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.bom).toBe(true);
    expect(decoded.text).toBe('<meta charset="windows-1252"><p>café</p>');
  });

  test('UTF-16 with a BOM decodes (NUL bytes are expected there)', () => {
    // GIVEN a UTF-16LE page with BOM
    const page = '<html><body><p>Grüße — 日本</p></body></html>';
    const encoded = encodeOutput(page, 'utf-16le');
    // WHEN decoded
    const decoded = decodeInput(encoded.bytes, { sourceName: 'a.html' });
    // THEN it round-trips
    expect(decoded).toEqual({ text: page, encoding: 'utf-16le', kind: 'html', bom: true });
  });

  test('the transport charset wins over the meta prescan', () => {
    // GIVEN windows-1251 bytes (Cyrillic) whose meta wrongly says utf-8
    const input = bytes('<meta charset="utf-8"><p>', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], '</p>');
    // WHEN the transport says windows-1251
    const decoded = decodeInput(input, { contentType: 'text/html; charset="Windows-1251"' });
    // THEN the text is Cyrillic
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.text).toContain('Привет');
  });

  test('meta charset is found by the prescan, after comments and other tags', () => {
    // GIVEN a Shift_JIS page declaring itself after a comment that mentions another charset
    const sjis = [0x93, 0xfa, 0x96, 0x7b]; // 日本
    const input = bytes(
      '<!doctype html><!-- <meta charset="utf-8"> --><html lang="ja"><head><title x=">">t</title>',
      '<meta charset=Shift_JIS></head><body><p>',
      sjis,
      '</p></body></html>',
    );
    // WHEN decoded without transport information
    const decoded = decodeInput(input);
    // THEN the meta charset decides and the Japanese text is intact
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text).toContain('<p>日本</p>');
    expect(decoded.kind).toBe('html');
  });

  test('valid UTF-8 overrules a stale legacy meta charset, and says so', () => {
    // GIVEN a page re-saved as UTF-8 that still declares GB2312 (中文 in UTF-8 bytes)
    const input = bytes(
      '<html><head><meta http-equiv="content-type" content="text/html;charset=GB2312"></head><body><p>',
      [0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87],
      '</p></body></html>',
    );
    // WHEN decoded without transport information
    const decoded = decodeInput(input);
    // THEN the bytes decide: UTF-8, the text is intact, and the overruled declaration is reported
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('<p>中文</p>');
    expect(decoded.overruledDeclaration).toBe('gbk');
  });

  test('a legacy meta charset stays when the bytes are not UTF-8, or are plain ASCII', () => {
    // GIVEN GBK bytes (中文) and an ASCII-only page, both declaring GB2312
    const head = '<meta charset="gb2312"><p>';
    const gbk = decodeInput(bytes(head, [0xd6, 0xd0, 0xce, 0xc4], '</p>'));
    const ascii = decodeInput(bytes(head, 'plain', '</p>'));
    // THEN the declaration decides both
    expect(gbk.encoding).toBe('gbk');
    expect(gbk.text).toContain('<p>中文</p>');
    expect(gbk.overruledDeclaration).toBeUndefined();
    expect(ascii.encoding).toBe('gbk');
    expect(ascii.overruledDeclaration).toBeUndefined();
  });

  test('http-equiv Content-Type with a charset in content is honoured, content alone is not', () => {
    // GIVEN pragma-style declarations
    const pragma = bytes('<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">');
    const contentOnly = bytes('<meta content="text/html; charset=EUC-JP">');
    // WHEN prescanned
    // THEN only the one with http-equiv counts
    expect(prescanMetaCharset(pragma)).toBe('euc-jp');
    expect(prescanMetaCharset(contentOnly)).toBeUndefined();
  });

  test('a meta charset after the first 1024 bytes is not seen', () => {
    // GIVEN a declaration pushed beyond the prescan window
    const input = bytes(`<html><head><!-- ${'x'.repeat(1100)} -->`, '<meta charset="koi8-r">');
    // WHEN prescanned / THEN nothing is found
    expect(prescanMetaCharset(input)).toBeUndefined();
  });

  test('a meta declaring UTF-16 means UTF-8 (the bytes were readable as ASCII)', () => {
    expect(prescanMetaCharset(bytes('<meta charset="utf-16">'))).toBe('utf-8');
  });

  test('iso-8859-1 is windows-1252 (WHATWG), so 0x93/0x94 are curly quotes, not C1 controls', () => {
    // GIVEN bytes using windows-1252 smart quotes, declared as ISO-8859-1
    const input = bytes('<meta charset="iso-8859-1"><p>', [0x93], 'Hi', [0x94], ' ', [0xe9], '</p>');
    // WHEN decoded
    const decoded = decodeInput(input);
    // THEN no mojibake
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('<p>“Hi” é</p>');
  });

  test('undeclared valid UTF-8 is UTF-8; undeclared invalid UTF-8 falls back to windows-1252', () => {
    // GIVEN two undeclared plain-text files
    const valid = utf8('Zürich — naïve café');
    const legacy = bytes('Z', [0xfc], 'rich ', [0x96], ' na', [0xef], 've');
    // WHEN decoded
    const fromValid = decodeInput(valid);
    const fromLegacy = decodeInput(legacy);
    // THEN each gets the sane default
    expect(fromValid).toMatchObject({ encoding: 'utf-8', text: 'Zürich — naïve café', bom: false });
    expect(fromLegacy).toMatchObject({ encoding: 'windows-1252', text: 'Zürich – naïve' });
  });

  test('GBK and EUC-KR decode through ICU', () => {
    const gbk = decodeInput(bytes([0xd6, 0xd0, 0xce, 0xc4]), { contentType: 'text/plain; charset=gb2312' });
    const eucKr = decodeInput(bytes([0xc7, 0xd1, 0xb1, 0xb9]), { contentType: 'text/plain; charset=euc-kr' });
    expect(gbk).toMatchObject({ encoding: 'gbk', text: '中文', kind: 'text' });
    expect(eucKr).toMatchObject({ encoding: 'euc-kr', text: '한국' });
  });

  test('unknown labels are ignored and the next step decides', () => {
    // GIVEN a bogus transport charset over valid UTF-8
    const decoded = decodeInput(utf8('<p>ok ✓</p>'), { contentType: 'text/html; charset=klingon' });
    // THEN UTF-8 is detected
    expect(decoded.encoding).toBe('utf-8');
    expect(resolveEncoding('klingon')).toBeUndefined();
  });
});

describe('decodeInput: kind', () => {
  test.each([
    ['story.HTML', undefined, 'html'],
    ['story.htm', undefined, 'html'],
    ['incoming/2024/story.txt', 'text/html', 'text'],
    ['story.md', undefined, 'markdown'],
    ['story.markdown', undefined, 'markdown'],
    ['story', 'text/markdown; charset=utf-8', 'markdown'],
    ['story', 'text/plain', 'text'],
    [undefined, 'application/xhtml+xml', 'html'],
  ] as const)('source %s with content type %s is %s', (sourceName, contentType, kind) => {
    // GIVEN neutral content WHEN decoded with a name and/or a content type THEN those decide
    expect(decodeInput(utf8('Just words.'), { sourceName, contentType }).kind).toBe(kind);
  });

  test.each([
    ['<!DOCTYPE html><html><body>x</body></html>', 'html'],
    ['  <!-- generated --> <html lang=en>x', 'html'],
    ['<article><h1>T</h1></article>', 'html'],
    ['\n<script type="text/javascript">var a = 1;</script>\n<div>x</div>', 'html'],
    ['Headline\n\nSome text with <b>bold</b> but also <article class=x> markup.', 'html'],
    [`<br /><b>Warning</b>: ${'x'.repeat(2000)} in file.php<br />\n<!DOCTYPE html><html><p>x`, 'html'],
    ['---\ntitle: Hello\n---\nBody', 'markdown'],
    ['# Hello\n\nBody', 'markdown'],
    ['Title\n\nSee [the report](https://example.org/r).', 'markdown'],
    ['Title\n\nJust a plain paragraph. By Jane Doe.', 'text'],
  ] as const)('unnamed content %j is sniffed as %s', (text, kind) => {
    expect(decodeInput(utf8(text)).kind).toBe(kind);
  });
});

describe('decodeInput: refusals', () => {
  test('0 bytes and whitespace-only files are EmptyInputError', () => {
    expect(() => decodeInput(new Uint8Array())).toThrow(EmptyInputError);
    expect(() => decodeInput(utf8(' \n\t\r\n  '))).toThrow(EmptyInputError);
    expect(() => decodeInput(bytes([0xef, 0xbb, 0xbf], '\n\n'))).toThrow(EmptyInputError);
  });

  test('input over the default limit is InputTooLargeError with size and limit', () => {
    // GIVEN one byte over the contract default
    const input = new Uint8Array(DEFAULT_MAX_OBJECT_BYTES + 1).fill(0x61);
    // WHEN decoded THEN refused with the figures
    expect(() => decodeInput(input)).toThrow(InputTooLargeError);
    try {
      decodeInput(input);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', size: DEFAULT_MAX_OBJECT_BYTES + 1 });
    }
  });

  test('a custom maxBytes applies', () => {
    expect(() => decodeInput(utf8('0123456789'), { maxBytes: 9 })).toThrow(InputTooLargeError);
    expect(decodeInput(utf8('0123456789'), { maxBytes: 10 }).text).toBe('0123456789');
  });

  test.each([
    ['PDF', bytes('%PDF-1.7\n%', [0xe2, 0xe3], '\n1 0 obj')],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'IHDR')],
    ['ZIP', bytes('PK', [0x03, 0x04], 'word/document.xml')],
    ['GZIP', bytes([0x1f, 0x8b, 0x08], 'rest')],
  ])('%s magic numbers are BinaryInputError', (_name, input) => {
    expect(() => decodeInput(input, { sourceName: 'story.html' })).toThrow(BinaryInputError);
  });

  test('NUL bytes throughout are BinaryInputError; a few stray ones in a page are tolerated', () => {
    // GIVEN a file with NULs every few bytes (an image without signature, UTF-16 without BOM)
    const binary = Uint8Array.from({ length: 4000 }, (_, i) => (i % 40 === 0 ? 0 : 0x61));
    // AND a page where a CMS left a run of NULs after some markup
    const page = utf8(
      `<html><body><img src="a.gif">${'\u0000'.repeat(10)}<p>${'text '.repeat(2000)}</p></body></html>`,
    );
    // THEN
    expect(() => decodeInput(binary)).toThrow(/NUL bytes/);
    expect(() => decodeInput(utf8(`<p>x</p>${'\u0000'.repeat(9)}`))).toThrow(BinaryInputError);
    expect(decodeInput(page, { sourceName: 'a.html' }).kind).toBe('html');
  });

  test('a high ratio of control bytes is BinaryInputError; a few stray ones are tolerated', () => {
    // GIVEN noise vs text with one vertical tab
    const noise = Uint8Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    const text = utf8('Line one\u000bline two');
    // THEN
    expect(() => decodeInput(noise)).toThrow(BinaryInputError);
    expect(decodeInput(text).text).toBe('Line one\u000bline two');
  });

  test('a short file made of control bytes is BinaryInputError, even under the stray-byte allowance', () => {
    // GIVEN eight bytes, all control characters (fewer than the stray bytes a page may carry)
    const junk = Uint8Array.from([0, 1, 2, 0, 0, 0, 3, 0]);
    // WHEN decoded as an HTML upload THEN it is refused as not text
    expect(() => decodeInput(junk, { sourceName: 'broken.html' })).toThrow(/control bytes, and little else/);
  });
});

describe('encodeOutput', () => {
  test('UTF-8 stays UTF-8', () => {
    const { bytes: out, encoding } = encodeOutput('é✓', 'utf8');
    expect(encoding).toBe('utf-8');
    expect(Array.from(out)).toEqual([0xc3, 0xa9, 0xe2, 0x9c, 0x93]);
  });

  test('UTF-16BE is kept, with a BOM, and decodes back', () => {
    const { bytes: out, encoding } = encodeOutput('Aé😀', 'utf-16be');
    expect(encoding).toBe('utf-16be');
    expect(Array.from(out.subarray(0, 4))).toEqual([0xfe, 0xff, 0x00, 0x41]);
    expect(decodeInput(out).text).toBe('Aé😀');
  });

  test('legacy encodings come back as UTF-8 so the caller fixes the declaration', () => {
    const { bytes: out, encoding } = encodeOutput('“Grüße”', 'windows-1252');
    expect(encoding).toBe('utf-8');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(out)).toBe('“Grüße”');
  });
});
