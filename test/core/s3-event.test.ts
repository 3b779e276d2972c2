import fc from 'fast-check';
import {
  articleIdFor,
  compareSequencers,
  decodeS3Key,
  encodeS3Key,
  padSequencer,
  parseNotificationBody,
  publishedKeyFor,
  publishedUrlFor,
  SEQUENCER_WIDTH,
  skipReasonFor,
} from '../../lambdas/core/s3-event';
import { s3EventRecord, s3TestEventBody } from '../support/s3-events';

describe('decodeS3Key', () => {
  it.each([
    ['incoming/a+b.html', 'incoming/a b.html'],
    ['incoming/a%2Bb.html', 'incoming/a+b.html'],
    ['incoming/caf%C3%A9+%E2%80%94+%E6%97%A5%E6%9C%AC.md', 'incoming/café — 日本.md'],
    ['incoming/100%25.txt', 'incoming/100%.txt'],
    ['incoming/a/b/c.html', 'incoming/a/b/c.html'],
  ])('GIVEN the event key %s WHEN decoded THEN it is %s', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it('GIVEN a malformed escape WHEN decoded THEN it throws URIError', () => {
    expect(() => decodeS3Key('incoming/%E0%A4%A.html')).toThrow(URIError);
  });

  it('GIVEN any key WHEN encoded as S3 does and decoded THEN the key comes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (key) => {
        expect(decodeS3Key(encodeS3Key(key))).toBe(key);
      }),
    );
  });

  it('GIVEN spaces, plus signs and slashes WHEN encoded THEN spaces are +, + is %2B and / stays', () => {
    expect(encodeS3Key('incoming/a b+c.html')).toBe('incoming/a+b%2Bc.html');
  });
});

describe('compareSequencers', () => {
  it('GIVEN sequencers of different lengths WHEN compared THEN the shorter is left-padded with zeros', () => {
    // As strings "FF" > "0100", but as numbers 0xFF < 0x100.
    expect(compareSequencers('FF', '0100')).toBeLessThan(0);
    expect(compareSequencers('0100', 'FF')).toBeGreaterThan(0);
    expect(compareSequencers('0055AED6DCD90281E5', '55AED6DCD90281E5')).toBe(0);
  });

  it('GIVEN mixed case WHEN compared THEN case does not matter', () => {
    expect(compareSequencers('00ab', '00AB')).toBe(0);
  });

  it('GIVEN any two numbers WHEN compared as hex sequencers THEN the order is numeric', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 72n }), fc.bigInt({ min: 0n, max: 2n ** 72n }), (a, b) => {
        const expected = a === b ? 0 : a < b ? -1 : 1;
        expect(compareSequencers(a.toString(16), b.toString(16))).toBe(expected);
        // The padded form orders the same way as plain strings (what DynamoDB compares).
        const padded = padSequencer(a.toString(16)) < padSequencer(b.toString(16));
        expect(padded).toBe(a < b);
      }),
    );
  });

  it('GIVEN a sequencer WHEN padded THEN it has the fixed width', () => {
    expect(padSequencer('1e5')).toHaveLength(SEQUENCER_WIDTH);
    expect(padSequencer('1e5').endsWith('1E5')).toBe(true);
  });
});

describe('publishedKeyFor', () => {
  it.each([
    ['incoming/story.html', 'articles/story.html'],
    ['incoming/a/Story.HTML', 'articles/a/Story.HTML'],
    ['incoming/a/b c.txt', 'articles/a/b c.txt.html'],
    ['incoming/story.md', 'articles/story.md.html'],
    ['incoming/story.htm', 'articles/story.htm.html'],
    ['incoming/notes.v2.markdown', 'articles/notes.v2.markdown.html'],
    ['incoming/notes.v2.html', 'articles/notes.v2.html.html'],
    ['incoming/dir.v1/no-extension', 'articles/dir.v1/no-extension.html.html'],
    ['elsewhere/x.md', 'articles/elsewhere/x.md.html'],
  ])('GIVEN source key %s WHEN mapped THEN the published key is %s', (source, published) => {
    expect(publishedKeyFor(source, 'incoming/')).toBe(published);
  });

  it('GIVEN an HTML file and a Markdown file of the same name WHEN mapped THEN each has its own page', () => {
    const pages = ['incoming/x.html', 'incoming/x.md', 'incoming/x.txt', 'incoming/x.htm', 'incoming/x'].map(
      (key) => publishedKeyFor(key, 'incoming/'),
    );
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('GIVEN every key built from up to four tricky pieces WHEN mapped THEN no two share a page', () => {
    // Exhaustive over the pieces that matter: dots, slashes, `html` in any case, other suffixes.
    const pieces = ['.', '/', 'html', 'HTML', 'md', 'x', '.html', '.htm', '.md'];
    let keys = [''];
    const all = new Set(keys);
    for (let length = 1; length <= 4; length += 1) {
      keys = keys.flatMap((key) => pieces.map((piece) => key + piece));
      for (const key of keys) all.add(key);
    }
    const pages = new Set([...all].map((relative) => publishedKeyFor(`incoming/${relative}`, 'incoming/')));
    expect(all.size).toBeGreaterThan(5_000);
    expect(pages.size).toBe(all.size);
  });

  it('GIVEN any key under the prefix WHEN mapped THEN the page is under the published prefix and ends in .html', () => {
    fc.assert(
      fc.property(fc.string(), (relative) => {
        const page = publishedKeyFor(`incoming/${relative}`, 'incoming/');
        expect(page.startsWith('articles/')).toBe(true);
        expect(page.toLowerCase().endsWith('.html')).toBe(true);
      }),
    );
  });
});

describe('publishedUrlFor', () => {
  it('GIVEN a key with spaces and unicode WHEN turned into a URL THEN each segment is percent-encoded', () => {
    expect(publishedUrlFor('https://news.example.test', 'articles/a b/café.html')).toBe(
      'https://news.example.test/articles/a%20b/caf%C3%A9.html',
    );
  });
});

describe('skipReasonFor', () => {
  const suffixes = ['.html', '.md'];
  it('GIVEN an accepted key WHEN checked THEN there is no reason to skip', () => {
    expect(skipReasonFor('incoming/a.HTML', 'incoming/', suffixes)).toBeUndefined();
  });
  it.each([
    ['other/a.html', 'outside the source prefix'],
    ['incoming/a.pdf', 'not one of the accepted suffixes'],
    ['incoming/folder/', 'folder placeholder'],
  ])('GIVEN %s WHEN checked THEN the reason mentions %s', (key, reason) => {
    expect(skipReasonFor(key, 'incoming/', suffixes)).toContain(reason);
  });
});

describe('parseNotificationBody', () => {
  it('GIVEN a real-format created event WHEN parsed THEN the key is decoded and fields kept', () => {
    const record = s3EventRecord({
      bucket: 'src',
      key: 'incoming/a b+c é.html',
      size: 123,
      eTag: 'abc',
      versionId: 'v1',
      sequencer: '0055AED6DCD90281E5',
    });
    const body = parseNotificationBody(JSON.stringify({ Records: [record] }));
    expect(body).toEqual({
      kind: 'records',
      ignored: [],
      events: [
        expect.objectContaining({
          action: 'created',
          bucket: 'src',
          key: 'incoming/a b+c é.html',
          encodedKey: 'incoming/a+b%2Bc+%C3%A9.html',
          size: 123,
          eTag: 'abc',
          versionId: 'v1',
          sequencer: '0055AED6DCD90281E5',
        }),
      ],
    });
  });

  it('GIVEN a removal WHEN parsed THEN the action is removed', () => {
    const record = s3EventRecord({
      bucket: 'src',
      key: 'incoming/a.md',
      eventName: 'ObjectRemoved:Delete',
      sequencer: '01',
    });
    const body = parseNotificationBody(JSON.stringify({ Records: [record] }));
    expect(body.kind === 'records' && body.events[0]?.action).toBe('removed');
  });

  it('GIVEN the s3:TestEvent WHEN parsed THEN it is recognised as such', () => {
    expect(parseNotificationBody(s3TestEventBody('src'))).toEqual({ kind: 'test-event' });
  });

  it.each(['not json', '[]', '{"foo":1}', 'null'])(
    'GIVEN the body %s WHEN parsed THEN it is unrecognized',
    (body) => {
      expect(parseNotificationBody(body).kind).toBe('unrecognized');
    },
  );

  it('GIVEN malformed records WHEN parsed THEN they are listed as ignored and the good one kept', () => {
    const good = s3EventRecord({ bucket: 'src', key: 'incoming/a.md', sequencer: '0A' });
    const records = [
      good,
      { ...good, eventSource: 'aws:sqs' },
      { ...good, eventName: 'ObjectTagging:Put' },
      s3EventRecord({ bucket: 'src', key: 'incoming/b.md', sequencer: 'not-hex' }),
      { ...good, s3: { ...(good.s3 as object), object: { key: '%E0%A4%A', sequencer: '0B' } } },
      42,
    ];
    const body = parseNotificationBody(JSON.stringify({ Records: records }));
    expect(body.kind).toBe('records');
    if (body.kind !== 'records') return;
    expect(body.events.map((event) => event.key)).toEqual(['incoming/a.md']);
    expect(body.ignored).toHaveLength(5);
  });

  it('GIVEN an unversioned bucket event with versionId "null" WHEN parsed THEN there is no versionId', () => {
    const record = s3EventRecord({ bucket: 'src', key: 'incoming/a.md', sequencer: '0A', versionId: 'null' });
    const body = parseNotificationBody(JSON.stringify({ Records: [record] }));
    expect(body.kind === 'records' && body.events[0]?.versionId).toBeUndefined();
  });
});

describe('articleIdFor', () => {
  it('GIVEN a source key WHEN turned into an id THEN it is the key', () => {
    expect(articleIdFor('incoming/a b.html')).toBe('incoming/a b.html');
  });
});
