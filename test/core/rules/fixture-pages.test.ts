/**
 * Runs every fixture page in test/fixtures/pages (pages we wrote, modelled on real CMS
 * structures) through extractFacts and checks the facts listed in `<name>.expected.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { extractFacts } from '../../../lambdas/core/extract';
import type { ArticleFacts, FactSource } from '../../../lambdas/core/types';
import { parseHtml } from '../../helpers/dom';

interface ExpectedFacts {
  url?: string;
  headline?: string;
  authors?: string[];
  noAuthors?: boolean;
  authorUrl?: string;
  authorJobTitle?: string;
  datePublished?: string;
  dateModified?: string;
  description?: string;
  publisher?: string;
  publisherLogo?: string;
  inLanguage?: string;
  canonicalUrl?: string;
  articleSection?: string;
  keywords?: string[];
  image?: string;
  syndication?: { name?: string; url?: string };
  dateline?: string;
  sources?: Partial<Record<keyof ArticleFacts, FactSource>>;
}

const FIXTURE_DIR = path.resolve(__dirname, '../../fixtures/pages');
const CHARSET_PATTERN = /<meta[^>]+charset=["']?([\w-]+)/i;

/** Decode a fixture the way a browser would for a page declaring its charset in a meta tag. */
function readPage(file: string): string {
  const bytes = fs.readFileSync(file);
  const declared = CHARSET_PATTERN.exec(bytes.toString('latin1'))?.[1] ?? 'utf-8';
  return new TextDecoder(declared).decode(bytes);
}

const names = fs
  .readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.replace(/\.html$/, ''))
  .sort();

describe('fixture pages', () => {
  it('has at least 30 pages, each with expected facts', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names)
      expect(fs.existsSync(path.join(FIXTURE_DIR, `${name}.expected.json`))).toBe(true);
  });

  it.each(names)('%s', (name) => {
    // GIVEN a fixture page and the facts a careful reader finds in it
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURE_DIR, `${name}.expected.json`), 'utf8'),
    ) as ExpectedFacts;
    const document = parseHtml(readPage(path.join(FIXTURE_DIR, `${name}.html`)));

    // WHEN the facts are extracted
    const facts = extractFacts(document, { url: expected.url });

    // THEN every listed fact matches
    if (expected.headline !== undefined) expect(facts.headline?.value).toBe(expected.headline);
    if (expected.authors !== undefined)
      expect(facts.authors?.value.map((person) => person.name)).toEqual(expected.authors);
    if (expected.noAuthors) expect(facts.authors).toBeUndefined();
    if (expected.authorUrl !== undefined) expect(facts.authors?.value[0]?.url).toBe(expected.authorUrl);
    if (expected.authorJobTitle !== undefined)
      expect(facts.authors?.value[0]?.jobTitle).toBe(expected.authorJobTitle);
    if (expected.datePublished !== undefined) expect(facts.datePublished?.value).toBe(expected.datePublished);
    if (expected.dateModified !== undefined) expect(facts.dateModified?.value).toBe(expected.dateModified);
    if (expected.description !== undefined) expect(facts.description?.value).toBe(expected.description);
    if (expected.publisher !== undefined) expect(facts.publisher?.value.name).toBe(expected.publisher);
    if (expected.publisherLogo !== undefined)
      expect(facts.publisher?.value.logo).toBe(expected.publisherLogo);
    if (expected.inLanguage !== undefined) expect(facts.inLanguage?.value).toBe(expected.inLanguage);
    if (expected.canonicalUrl !== undefined) expect(facts.canonicalUrl?.value).toBe(expected.canonicalUrl);
    if (expected.articleSection !== undefined)
      expect(facts.articleSection?.value).toBe(expected.articleSection);
    if (expected.keywords !== undefined) expect(facts.keywords?.value).toEqual(expected.keywords);
    if (expected.image !== undefined) expect(facts.images?.value[0]).toBe(expected.image);
    if (expected.syndication !== undefined) expect(facts.syndication?.value).toEqual(expected.syndication);
    if (expected.dateline !== undefined) expect(facts.dateline?.value).toBe(expected.dateline);
    for (const [field, source] of Object.entries(expected.sources ?? {})) {
      expect({
        field,
        source: (facts[field as keyof ArticleFacts] as { source?: string } | undefined)?.source,
      }).toEqual({
        field,
        source,
      });
    }
  });
});
