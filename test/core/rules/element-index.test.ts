import fc from 'fast-check';
import { parseHtml } from '../../../lambdas/core/parse';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { elementIndex, indexElements } from '../../../lambdas/core/rules/element-index';

function withDocument<T>(html: string, read: (document: Document) => T): T {
  const parsed = parseHtml(html);
  try {
    return read(parsed.document);
  } finally {
    parsed.dispose();
  }
}

const PAGE =
  '<!doctype html><html><head><meta name="a" content="1"><link rel="canonical" href="/x"></head><body>' +
  '<main id="m"><article class="story Lead"><h1>Title</h1><p class="credit">One <a href="/a">link</a></p>' +
  '<p>Two <i>three</i></p><aside class="editor-note">Note</aside></article></main>' +
  '<p itemprop="description">After</p><footer><p>Foot</p></footer></body></html>';

describe('indexElements', () => {
  test('lists elements by tag in document order, and only descendants when asked within an element', () => {
    // GIVEN a page with paragraphs inside and outside its article
    const found = withDocument(PAGE, (document) => {
      // WHEN paragraphs are listed for the page and for its article
      const index = indexElements(document);
      const article = document.querySelector('article') as Element;
      return {
        all: index.byTag('p').map((element) => element.textContent),
        inArticle: index.byTag('p', article).map((element) => element.textContent),
        articleItself: index.byTag('article', article).length,
      };
    });
    // THEN the page's come in document order, the article's are its own, and the element itself is not its own descendant
    expect(found).toEqual({
      all: ['One link', 'Two three', 'After', 'Foot'],
      inArticle: ['One link', 'Two three'],
      articleItself: 0,
    });
  });

  test('lists every element inside an element, in document order, also for an element it does not hold', () => {
    // GIVEN a page, and an element built apart from it
    const found = withDocument(PAGE, (document) => {
      const index = indexElements(document);
      const detached = document.createElement('div');
      detached.innerHTML = '<p>x</p>';
      // WHEN the descendants of the article, of a leaf and of the detached element are listed
      return {
        article: index
          .descendants(document.querySelector('article') as Element)
          .map((element) => element.localName),
        leaf: index.descendants(document.querySelector('h1') as Element).length,
        detached: index.descendants(detached).length,
      };
    });
    // THEN the article's come in document order, a leaf has none, and an element from elsewhere yields none of the page's
    expect(found).toEqual({ article: ['h1', 'p', 'a', 'p', 'i', 'aside'], leaf: 0, detached: 0 });
  });

  test('merges tags and attributes into one document-ordered list without duplicates', () => {
    // GIVEN paragraphs and classed elements, some both
    const found = withDocument(PAGE, (document) =>
      // WHEN the candidates of `p, [class]` are listed
      indexElements(document)
        .candidates({ tags: ['p'], attributes: ['class'] })
        .map(
          (element) =>
            element.localName + (element.getAttribute('class') ? `.${element.getAttribute('class')}` : ''),
        ),
    );
    // THEN each element appears once, in document order
    expect(found).toEqual(['article.story Lead', 'p.credit', 'p', 'aside.editor-note', 'p', 'p']);
  });

  test('compares class names as CSS does: exactly in standards mode, ignoring ASCII case in quirks mode', () => {
    // GIVEN the same classed element in a standards-mode page and in a quirks-mode page (no doctype)
    const body = '<div class="Credit Line">x</div>';
    const check = (html: string) =>
      withDocument(html, (document) => {
        const index = indexElements(document);
        const div = index.byTag('div')[0] as Element;
        // WHEN its class tokens are tested
        return [index.quirksMode, index.hasClass(div, 'credit'), index.hasClass(div, 'Credit')];
      });
    // THEN only quirks mode ignores case, as jsdom's own class selectors do
    expect(check(`<!doctype html><body>${body}</body>`)).toEqual([false, false, true]);
    expect(check(`<body>${body}</body>`)).toEqual([true, true, true]);
  });

  test('is the one the extraction context built, found again by document', () => {
    // GIVEN a context built for a page
    const same = withDocument(PAGE, (document) => {
      const context = createExtractionContext(document);
      // WHEN a helper that only has the document asks for the index
      return elementIndex(document) === context.index;
    });
    // THEN it gets the context's index, not a second walk
    expect(same).toBe(true);
  });

  test('answers as querySelectorAll does for tags and attributes, inside any element', () => {
    // GIVEN random nested markup with a few tags and attributes
    const TAGS = ['div', 'p', 'a', 'span', 'article', 'section', 'i'];
    const ATTRIBUTES = ['class', 'itemprop', 'role', 'href'];
    const node: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(
          fc.constantFrom(...TAGS),
          fc.subarray(ATTRIBUTES),
          depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
        )
        .map(([tag, attributes, children]) => {
          const attributeText = attributes.map((name) => ` ${name}="v"`).join('');
          return `<${tag}${attributeText}>t${children.join('')}</${tag}>`;
        }),
    );
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 4 }), fc.nat(), (parts, pick) =>
        withDocument(`<!doctype html><body>${parts.join('')}</body>`, (document) => {
          // WHEN every tag and attribute is listed, for the page and inside one element
          const index = indexElements(document);
          const elements = index.elements;
          const within = elements[pick % elements.length] as Element;
          for (const tag of TAGS) {
            expect(index.byTag(tag)).toEqual(Array.from(document.querySelectorAll(tag)));
            expect(index.byTag(tag, within)).toEqual(Array.from(within.querySelectorAll(tag)));
          }
          for (const name of ATTRIBUTES) {
            expect(index.withAttribute(name, within)).toEqual(
              Array.from(within.querySelectorAll(`[${name}]`)),
            );
          }
          // THEN the lists are exactly the selector engine's, in the same order
          expect(index.candidates({ tags: ['p', 'i'], attributes: ['role'] }, within)).toEqual(
            Array.from(within.querySelectorAll('p, i, [role]')),
          );
          expect(index.descendants(within)).toEqual(Array.from(within.querySelectorAll('*')));
        }),
      ),
      { numRuns: 60 },
    );
  });
});
