import { extractFacts } from '../../../lambdas/core/extract';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import {
  DEFAULT_MAX_LEAD_LENGTH,
  descriptionFromBody,
  extractDescription,
} from '../../../lambdas/core/rules/description';
import { parseHtml } from '../../helpers/dom';

const LEAD =
  'The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.';
const SECOND = 'Fishing boats returned to their moorings by noon and the ferry resumes on Monday.';

function page(head: string): string {
  return `<html><head><title>Harbour reopens</title>${head}</head><body><article><h1>Harbour reopens</h1>
    <p>PORT ELLEN</p><p>${LEAD}</p><p>${SECOND}</p><p>${SECOND}</p></article></body></html>`;
}

describe('description from the article lead', () => {
  it('GIVEN a page that declares no description WHEN extracted THEN the lead paragraph is the description', () => {
    const facts = extractFacts(parseHtml(page('')), {});
    // The short dateline paragraph is skipped: it is not a lead.
    expect(facts.description).toEqual({ value: LEAD, source: 'text' });
  });

  it('GIVEN a meta description WHEN extracted THEN it wins over the lead', () => {
    const facts = extractFacts(
      parseHtml(
        page('<meta name="description" content="Repairs to the quay are finished and the harbour is open.">'),
      ),
      {},
    );
    expect(facts.description?.value).toBe('Repairs to the quay are finished and the harbour is open.');
    expect(facts.description?.source).toBe('meta');
  });

  it('GIVEN a long lead WHEN described THEN it is cut after its last full sentence within the limit', () => {
    const sentence = 'The council met again on Tuesday evening to discuss the plans for the quay. ';
    const body = `${sentence.repeat(8)}\nSecond paragraph.`;
    const fact = descriptionFromBody(body);
    expect(fact?.value.length).toBeLessThanOrEqual(DEFAULT_MAX_LEAD_LENGTH);
    expect(fact?.value.endsWith('quay.')).toBe(true);
    expect(body.startsWith(fact?.value ?? '-')).toBe(true);
  });

  it('GIVEN a long lead without sentence ends WHEN described THEN it is cut at a word, with an ellipsis', () => {
    const body = 'word '.repeat(120).trim();
    const fact = descriptionFromBody(body);
    expect(fact?.value.endsWith('word…')).toBe(true);
    expect(fact?.value.length).toBeLessThan(body.length);
  });

  it('GIVEN a body of short lines only WHEN described THEN there is no description', () => {
    expect(descriptionFromBody('PORT ELLEN\nBy Ana Lima\nPhoto: A. Lima')).toBeUndefined();
  });

  it('GIVEN a contact line and a posting stamp before the lead WHEN described THEN the lead is the description', () => {
    // GIVEN lines long enough to pass for a lead, but that end no sentence: a press office's
    // contact and a CMS posting stamp, then the article's first paragraph
    const body = [
      'Share:',
      'Dr. Ana Lima, Press Office of the Harbour Authority',
      'Posted by harbourmaster on 20 November 2026 - 18:44',
      LEAD,
    ].join('\n');
    // WHEN a description is made from the body
    // THEN it is the lead, not a line that only labels the page
    expect(descriptionFromBody(body)?.value).toBe(LEAD);
  });

  it('GIVEN a lead starting with "By" and a lower-case word WHEN described THEN it is the description, not a byline', () => {
    const lead = 'By then the harbour authority had reopened the quay to ferries and fishing boats alike';
    // THEN the lead is kept: only "By" and a capitalised name make a byline line
    expect(descriptionFromBody(`${lead}\n${LEAD}`)?.value).toBe(lead);
    expect(
      descriptionFromBody(`By Ana Lima of the Harbour Authority press office, Port Ellen\n${LEAD}`)?.value,
    ).toBe(LEAD);
  });

  it('GIVEN a long standfirst without a full stop first WHEN described THEN the standfirst is the description', () => {
    // GIVEN a subtitle line too long for a label (80 characters or more), ending without punctuation
    const standfirst = 'Storm-damaged quay reopens after a week of repairs by the harbour authority crews';
    // WHEN a description is made from the body
    // THEN the standfirst is kept: it is prose, not a label
    expect(descriptionFromBody(`${standfirst}\n${LEAD}`)?.value).toBe(standfirst);
  });
});

describe('which declared description wins', () => {
  const describe_ = (head: string, body = '', url = 'https://harbour-news.example/2024/quay') =>
    extractDescription(
      createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url }),
    );
  const TITLE = '<title>Harbour quay reopens after storm repairs | Harbour News</title>';
  const SEO = 'The storm-damaged harbour quay reopens on Friday after a week of repairs, officials said.';
  const SOCIAL = 'Boats are back: after a week of work the quay is open again. See the pictures.';

  it('GIVEN a meta description declared before a different og:description WHEN extracted THEN the first one declared wins', () => {
    // GIVEN two texts about the same story, the page's own description first
    const head = `${TITLE}<meta name="description" content="${SEO}"><meta property="og:description" content="${SOCIAL}">`;
    // WHEN extracted THEN the description the page declares first is the one written for it
    expect(describe_(head)).toEqual({ value: SEO, source: 'meta' });
  });

  it('GIVEN og:description declared first WHEN extracted THEN og:description wins', () => {
    const head = `${TITLE}<meta property="og:description" content="${SOCIAL}"><meta name="description" content="${SEO}">`;
    expect(describe_(head)).toEqual({ value: SOCIAL, source: 'opengraph' });
  });

  it('GIVEN a site-wide meta description first WHEN extracted THEN the description about the title wins', () => {
    // GIVEN the site's default text, which names the site but nothing of the title
    const head = `${TITLE}<meta name="description" content="Harbour News is the independent newsroom of the islands, since 1921."><meta property="og:description" content="${SOCIAL}">`;
    // WHEN extracted THEN the site's name does not make its default text about this page
    expect(describe_(head)?.value).toBe(SOCIAL);
  });

  it("GIVEN an automatic excerpt holding a bare link first WHEN extracted THEN the editor's description wins", () => {
    const head = `${TITLE}<meta name="description" content="https://video.example/v/123 The quay reopens after repairs to the storm damage."><meta property="og:description" content="${SOCIAL}">`;
    expect(describe_(head)?.value).toBe(SOCIAL);
  });

  it('GIVEN a WordPress-style "…" teaser first and a longer cut of the same text later WHEN extracted THEN the teaser stays', () => {
    // GIVEN the same text cut twice; only the longer cut reaches a word of the title
    const text = 'Fishing boats returned to their moorings by noon, and the ferry company said its timetable';
    const head = `${TITLE}<meta property="og:description" content="${text.slice(0, 60)}…"><meta name="description" content="${text} resumes once the quay is inspected">`;
    // WHEN extracted THEN both cuts count as one text about the page, and the first declared wins
    expect(describe_(head)).toEqual({ value: `${text.slice(0, 60)}…`, source: 'opengraph' });
  });

  it('GIVEN meta tags after a stray element in the head WHEN extracted THEN their declared order still counts', () => {
    // GIVEN an <img> in the head: the parser closes the head and the later meta tags open the body
    const html = `<html><head>${TITLE}<img src="/pixel.gif"><meta name="description" content="${SEO}"><meta property="og:description" content="${SOCIAL}"></head><body><p>Text</p></body></html>`;
    const document = parseHtml(html);
    expect(document.head.querySelector('meta[name="description"]')).toBeNull();
    // WHEN extracted THEN the first declared description still wins
    expect(extractDescription(createExtractionContext(document, {}))?.value).toBe(SEO);
  });

  it('GIVEN no title to relate the descriptions to WHEN extracted THEN the most trusted order stays (og:description first)', () => {
    const head = `<meta name="description" content="${SEO}"><meta property="og:description" content="${SOCIAL}">`;
    expect(describe_(head, '', '')?.source).toBe('opengraph');
  });
});

describe('descriptions that repeat the title', () => {
  const contextOf = (head: string) =>
    createExtractionContext(parseHtml(`<html><head>${head}</head><body></body></html>`), {
      url: 'https://howto.example/garden/shed',
    });
  const TITLE =
    '<title>How to Build a Garden Shed | HowTo</title><meta property="og:title" content="How to Build a Garden Shed">';

  it('GIVEN a description composed as "Title. Summary" WHEN extracted THEN the copy of the title is cut off', () => {
    const head = `${TITLE}<meta name="description" content="How to Build a Garden Shed. A shed needs a level base, a frame and a roof that sheds rain.">`;
    expect(extractDescription(contextOf(head))?.value).toBe(
      'A shed needs a level base, a frame and a roof that sheds rain.',
    );
  });

  it("GIVEN a composed description first and the editor's text later WHEN extracted THEN the editor's text wins", () => {
    // GIVEN a template's "Title. Summary…" and the summary the editor wrote, cut later
    const head = `${TITLE}<meta name="description" content="How to Build a Garden Shed. A shed needs a level base, a frame and..."><meta property="og:description" content="A shed needs a level base, a frame and a roof that sheds rain. Start with...">`;
    // WHEN extracted THEN the template's text loses to the editor's
    expect(extractDescription(contextOf(head))).toEqual({
      value: 'A shed needs a level base, a frame and a roof that sheds rain. Start with...',
      source: 'opengraph',
    });
  });

  it('GIVEN a title that runs on into its sentence WHEN extracted THEN nothing is cut', () => {
    // "How to Build a Garden Shed guide ..." is one sentence; "How to Build a Garden Shed-style" one word
    const sentence = 'How to Build a Garden Shed guide with drawings and a list of materials.';
    expect(
      extractDescription(contextOf(`${TITLE}<meta name="description" content="${sentence}">`))?.value,
    ).toBe(sentence);
    const compound = 'How to Build a Garden Shed-style cabin: the same steps, larger.';
    expect(
      extractDescription(contextOf(`${TITLE}<meta name="description" content="${compound}">`))?.value,
    ).toBe(compound);
  });

  it('GIVEN a JSON-LD description that only repeats the headline WHEN extracted THEN the next source is used', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Council approves new harbour wall',
      description: 'Council approves new harbour wall',
    });
    const head = `<script type="application/ld+json">${ld}</script><meta property="og:description" content="The wall will protect the quay from winter storms, the council decided on Monday.">`;
    expect(extractDescription(contextOf(head))).toEqual({
      value: 'The wall will protect the quay from winter storms, the council decided on Monday.',
      source: 'opengraph',
    });
  });
});

describe('agreeing meta descriptions', () => {
  const contextOf = (head: string) =>
    createExtractionContext(parseHtml(`<html><head>${head}</head><body></body></html>`), {
      url: 'https://harbour-news.example/2024/quay',
    });
  const SUMMARY = 'The harbour quay reopens on Friday after a week of repairs to the storm damage.';
  const ld = (description: string) =>
    `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Quay reopens', description })}</script>`;
  const metas = (text: string) =>
    `<meta property="og:description" content="${text}"><meta name="description" content="${text}"><meta name="twitter:description" content="${text}">`;

  it('GIVEN three meta descriptions agreeing against a JSON-LD fragment WHEN extracted THEN the agreed text wins', () => {
    // GIVEN a JSON-LD description cut to a fragment by a plugin, and OpenGraph, meta and Twitter agreeing
    const fact = extractDescription(contextOf(`${ld('Harbour officials said the')}${metas(SUMMARY)}`));
    // WHEN extracted THEN three agreeing declarations outvote the one structured value
    expect(fact).toEqual({ value: SUMMARY, source: 'opengraph' });
  });

  it('GIVEN only two meta descriptions agreeing WHEN extracted THEN JSON-LD stays first', () => {
    const head = `${ld('Repairs to the quay are finished and boats can moor there again.')}<meta property="og:description" content="${SUMMARY}"><meta name="twitter:description" content="${SUMMARY}">`;
    expect(extractDescription(contextOf(head))?.source).toBe('json-ld');
  });
});
