import fc from 'fast-check';
import {
  cleanText,
  stripUnsafeCharacters,
  utf8ByteLength,
  xmlAttribute,
  xmlText,
} from '../../../lambdas/core/discovery/xml';
import { parseXml } from './parse-xml';

describe('xmlText / xmlAttribute', () => {
  it('escapes the five markup characters', () => {
    // GIVEN a hostile headline WHEN escaped THEN no markup survives
    expect(xmlText(`</title><script>alert("x")</script> & 'y'`)).toBe(
      '&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;',
    );
    expect(xmlAttribute('a"b<c')).toBe('a&quot;b&lt;c');
  });

  it('strips characters XML 1.0 forbids, lone surrogates and C1 controls, and keeps astral characters', () => {
    // GIVEN NUL, U+FFFE, U+FFFF, a vertical tab, lone surrogates, a C1 control and an emoji
    const hostile = 'a\u0000b\uFFFEc\uFFFFd\u000Be\uD800f\uDC00g\u0085h😀';
    // WHEN stripped THEN only the legal characters remain, the emoji intact
    expect(stripUnsafeCharacters(hostile)).toBe('abcdefgh😀');
  });

  it('always yields text a strict XML parser accepts and reads back as the cleaned input', () => {
    // GIVEN any string, including lone surrogates and control characters
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        // WHEN embedded as element content and attribute value
        const document = parseXml(`<r a="${xmlAttribute(value)}">${xmlText(value)}</r>`);
        // THEN it parses and round-trips (the parser normalises CR and attribute whitespace, so compare those forms)
        const expected = stripUnsafeCharacters(value);
        expect(document.documentElement.textContent).toBe(expected.replace(/\r\n?/g, '\n'));
        expect(document.documentElement.getAttribute('a')).toBe(expected.replace(/\r\n|[\r\n\t]/g, ' '));
      }),
      { numRuns: 300 },
    );
  });

  it('cleanText collapses whitespace and tolerates missing values', () => {
    expect(cleanText('  Two\n\tlines \u0000 here ')).toBe('Two lines here');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('utf8ByteLength', () => {
  it('equals the UTF-8 encoding length for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(utf8ByteLength(value)).toBe(Buffer.byteLength(value, 'utf8'));
      }),
    );
  });
});

describe('parseXml (test helper)', () => {
  it('refuses text that is not well-formed, so the structure tests can fail', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a>\u0000</a>')).toThrow(/not well-formed/);
  });
});
