import { extractFacts } from '../../../lambdas/core/extract';
import { DEFAULT_MAX_LEAD_LENGTH, descriptionFromBody } from '../../../lambdas/core/rules/description';
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
});
