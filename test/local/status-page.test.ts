import type { ArticleRecord } from '../../lambdas/core/record';
import { renderStatusPage, statusJson } from '../../local/status-page';

const HOSTILE = '</td><script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';

function published(): ArticleRecord {
  return {
    id: 'incoming/a b.html',
    status: 'published',
    source: { bucket: 'src', key: 'incoming/a b.html', sequencer: '01' },
    extractorVersion: 't',
    facts: { headline: HOSTILE, authors: ['Ann <b>Bold</b>', 'Bo'], datePublished: '2025-01-02T03:04:05Z' },
    report: {
      valid: true,
      errors: [],
      warnings: [{ severity: 'warning', code: 'IMAGE_MISSING', message: 'No image', path: '$' }],
    },
    publishedKey: 'articles/a b.html',
    firstSeenAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

function failed(): ArticleRecord {
  return {
    id: 'incoming/bad.txt',
    status: 'failed',
    source: { bucket: 'src', key: 'incoming/bad.txt', sequencer: '02' },
    extractorVersion: 't',
    error: { code: 'EMPTY_INPUT', message: `The file is empty <${HOSTILE}>` },
    firstSeenAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

const view = (records: ArticleRecord[]) => ({
  records,
  queueDepth: 3,
  deadLetters: [{ messageId: 'm', keys: ['incoming/<x>.html'], lastError: 'Throttled <now>' }],
  sourcePrefix: 'incoming/',
  generatedAt: new Date('2025-01-01T00:00:00Z'),
});

describe('renderStatusPage', () => {
  it('GIVEN hostile headlines, authors and error messages WHEN rendered THEN no markup from them survives', () => {
    const html = renderStatusPage(view([published(), failed()]));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Bold</b>');
    expect(html).not.toContain('<x>');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp; &quot;quotes&quot;');
    expect(html).toContain('Ann &lt;b&gt;Bold&lt;/b&gt;, Bo');
  });

  it('GIVEN a failed and a published article WHEN rendered THEN the failure comes first with its reason, and links are encoded', () => {
    const html = renderStatusPage(view([published(), failed()]));
    expect(html.indexOf('incoming/bad.txt')).toBeLessThan(html.indexOf('incoming/a b.html'));
    expect(html).toContain('EMPTY_INPUT: The file is empty');
    expect(html).toContain('IMAGE_MISSING: No image');
    expect(html).toContain('href="/_source/incoming/a%20b.html"');
    expect(html).toContain('href="/articles/a%20b.html"');
    expect(html).toContain('2 articles: 1 published, 1 failed, 0 removed; 3 waiting in the queue');
    expect(html).toContain('Throttled &lt;now&gt;');
  });
});

describe('statusJson', () => {
  it('GIVEN records WHEN listed as JSON THEN each article has its status, headline, authors and reasons', () => {
    const json = statusJson(view([published(), failed()])) as { articles: Record<string, unknown>[] };
    expect(json.articles.map((a) => [a.key, a.status])).toEqual([
      ['incoming/bad.txt', 'failed'],
      ['incoming/a b.html', 'published'],
    ]);
    expect(json.articles[0]?.error).toEqual({
      code: 'EMPTY_INPUT',
      message: expect.stringContaining('empty'),
    });
    expect(json.articles[1]?.authors).toEqual(['Ann <b>Bold</b>', 'Bo']);
  });
});
