import { documentMemo } from '../../../lambdas/core/rules/document-memo';
import { parseHtml } from '../../helpers/dom';
import { oldGenerationGrowthKb } from '../../support/old-generation-growth';

/** A page-sized object graph that refers back to its root, as a cached index refers to its document. */
const PAGE_SCRIPT = `
  const page = () => ({ nodes: Array.from({ length: 20000 }, (_, i) => ({ i })) });
`;

describe('documentMemo', () => {
  test('remembers one value per document, out of sight of property walks', () => {
    // GIVEN a memo and two documents
    const memo = documentMemo<{ count: number }>('test.memo');
    const first = parseHtml('<p>one</p>');
    const second = parseHtml('<p>two</p>');
    const keysBefore = Object.keys(first);
    // WHEN a value is set on the first
    const value = { count: 1 };
    expect(memo.set(first, value)).toBe(value);
    // THEN the first gives it back, the second has none, and no enumerable key was added
    expect(memo.get(first)).toBe(value);
    expect(memo.get(second)).toBeUndefined();
    expect(Object.keys(first)).toEqual(keysBefore);
    // AND a second set replaces it
    memo.set(first, { count: 2 });
    expect(memo.get(first)?.count).toBe(2);
  });

  test('a remembered value that refers to its document does not keep it through young-generation collections', () => {
    // GIVEN a page-sized document whose remembered value refers back to it, made in each round
    const growth = oldGenerationGrowthKb(`
      const { documentMemo } = require('./lambdas/core/rules/document-memo');
      const memo = documentMemo('test.memo');
      ${PAGE_SCRIPT}
      const round = () => { const document = page(); memo.set(document, { document }); };
    `);
    // WHEN young-generation collections run after each round THEN it was not promoted (about 900 KB)
    expect(growth).toBeLessThan(300);
  }, 60_000);

  test('the effect measured: a module-level WeakMap with such a value keeps it through them', () => {
    // GIVEN the same, remembered in a WeakMap that outlives the rounds
    const growth = oldGenerationGrowthKb(`
      const memo = new WeakMap();
      ${PAGE_SCRIPT}
      const round = () => { const document = page(); memo.set(document, { document }); };
    `);
    // THEN it was promoted: the V8 behaviour documentMemo steps around (if this fails, a
    // newer V8 no longer does it, and a WeakMap would do again)
    expect(growth).toBeGreaterThan(500);
  }, 60_000);
});
