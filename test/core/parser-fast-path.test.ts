import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { PARSER_FAST_PATH, parseHtml, resetParser } from '../../lambdas/core/parse';
import { PARSER_FAST_PATH_JSDOM_VERSION, parserFastPathActive } from '../../lambdas/core/parser-fast-path';
import { loadMinifiedBundle } from '../support/minified-bundle';

const JSDOM_VERSION = (require('jsdom/package.json') as { version: string }).version;
const FIXTURE_PAGES = path.resolve(__dirname, '../fixtures/pages');
const REPO = path.resolve(__dirname, '../..');

/**
 * One line per node: depth, kind, name or text, attributes (template contents included).
 * Self-contained: its source also runs in a child node (see jsdomOwnOutlines).
 */
function outlineOfDom(node: Node, depth = 0, lines: string[] = []): string[] {
  if (node.nodeType === 3) lines.push(`${depth} text ${JSON.stringify(node.nodeValue)}`);
  else if (node.nodeType === 8) lines.push(`${depth} comment ${JSON.stringify(node.nodeValue)}`);
  else if (node.nodeType === 10) lines.push(`${depth} doctype`);
  else if (node.nodeType === 1) {
    const element = node as Element;
    const attributes = Array.from(element.attributes, (attribute) => `${attribute.name}=${attribute.value}`);
    lines.push(`${depth} <${element.localName}> ${attributes.join(' ')}`);
  }
  const template = node.nodeType === 1 && (node as Element).localName === 'template' && 'content' in node;
  const children = template ? (node as HTMLTemplateElement).content.childNodes : node.childNodes;
  for (const child of Array.from(children)) outlineOfDom(child, depth + 1, lines);
  return lines;
}

/**
 * The reference: each page's outline as jsdom itself builds it, DOMParser on a window, in a
 * child node that never loads the patch.
 */
function jsdomOwnOutlines(pages: readonly string[]): string[][] {
  const script = `
    const { JSDOM } = require('jsdom');
    const outlineOfDom = ${outlineOfDom.toString()};
    const pages = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const parser = new (new JSDOM('').window.DOMParser)();
    process.stdout.write(JSON.stringify(pages.map((html) => outlineOfDom(parser.parseFromString(html, 'text/html')))));
  `;
  const output = execFileSync(process.execPath, ['-e', script], {
    cwd: REPO,
    input: JSON.stringify(pages),
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as string[][];
}

function fastPathOutline(html: string): string[] {
  const parsed = parseHtml(html, { limits: false });
  try {
    return outlineOfDom(parsed.document);
  } finally {
    parsed.dispose();
  }
}

/** Markup whose tree building moves, merges or re-parents nodes. */
const TRICKY_MARKUP = [
  // adoption agency: misnested formatting, and a block inside an open formatting element
  '<p>one <b>two <i>three</b> four</i> five</p><b>bold<div>block</b>after</div>',
  // foster parenting: text and elements inside a table before any cell
  '<table>lost text<tr><td>cell</td>x<td>y</table><table><tbody><tr><div>fostered</div></tr></tbody></table>',
  // text the tokenizer hands over in pieces (entities, NUL-free), merged into one node
  '<p>a &amp; b &lt; c &#169; d &nbsp; e</p><pre>\nfirst line kept\n</pre><textarea>\nx &amp; y</textarea>',
  // implied end tags, templates, foreign content and comments
  '<ul><li>one<li>two<ul><li>nested</ul></ul><template><p>in template<span>deep</span></template>' +
    '<svg><g><title>icon</title><foreignObject><p>html in svg</p></foreignObject></g></svg><!-- note -->',
  // forms and selects, whose hooks run as nodes arrive
  '<form id="f"><input name="q"><select name="s"><option>x<option selected>y</select><button>go</button></form>',
];

afterAll(() => resetParser());

describe('parser fast path: the patch applies', () => {
  test('on the pinned jsdom version, parse.ts reports the patch in place and in use', () => {
    // GIVEN the jsdom version the patch was written for
    // WHEN parse.ts has loaded
    // THEN the patch is applied (if this fails after a jsdom upgrade, re-check its internals
    // in parser-fast-path.ts and update PARSER_FAST_PATH_JSDOM_VERSION)
    expect(JSDOM_VERSION).toBe(PARSER_FAST_PATH_JSDOM_VERSION);
    expect(PARSER_FAST_PATH).toBe(true);
    expect(parserFastPathActive()).toBe(true);
  });

  test('the patch also applies in a minified bundle (the page worker is one)', () => {
    // GIVEN the module bundled with jsdom, minified with kept names as the worker bundle is
    // WHEN the bundle loads (its own copy of jsdom)
    const bundled = loadMinifiedBundle<{ PARSER_FAST_PATH_APPLIED: boolean }>(
      'lambdas/core/parser-fast-path.ts',
    );
    // THEN the shape check still recognises jsdom's minified internals
    expect(bundled.PARSER_FAST_PATH_APPLIED).toBe(true);
  }, 180_000);
});

describe('parser fast path: the tree is the one jsdom builds without it', () => {
  test('tricky markup and the fixture pages build the same tree, node for node', () => {
    // GIVEN markup whose tree building moves, merges and re-parents nodes, and the fixture pages
    const files = fs.readdirSync(FIXTURE_PAGES).filter((file) => file.endsWith('.html'));
    expect(files.length).toBeGreaterThan(10);
    const pages = [
      ...TRICKY_MARKUP.map(
        (markup) => `<!doctype html><html><head><title>t</title></head><body>${markup}</body></html>`,
      ),
      ...files.map((file) => fs.readFileSync(path.join(FIXTURE_PAGES, file), 'utf8')),
    ];
    // WHEN parsed on the fast path, and by an unpatched jsdom in another process
    const reference = jsdomOwnOutlines(pages);
    // THEN every node, attribute and text is where jsdom's own path puts it
    pages.forEach((html, index) => {
      expect({ page: index, outline: fastPathOutline(html) }).toEqual({
        page: index,
        outline: reference[index],
      });
    });
    // AND the tricky cases really are tricky: foster-parented text lands outside the table
    expect(reference[1]?.some((line) => line.startsWith('3 text') && line.includes('lost'))).toBe(true);
  });

  test('the hooks jsdom runs as nodes arrive still run: forms, selects, textareas, ids, live lists', () => {
    // GIVEN a form with controls, a textarea and ids, parsed on the fast path and by a window
    const html = `<!doctype html><body>${TRICKY_MARKUP[4]}${TRICKY_MARKUP[2]}<p id="late">x</p></body>`;
    const parsed = parseHtml(html, { limits: false });
    const reference = new JSDOM(html).window.document;
    try {
      const { document } = parsed;
      // THEN form ownership, selectedness and the textarea's value match jsdom's own
      const form = document.getElementById('f') as HTMLFormElement;
      expect(form.elements.length).toBe((reference.getElementById('f') as HTMLFormElement).elements.length);
      expect(form.elements.length).toBe(3);
      expect(document.querySelector('select')?.value).toBe('y');
      // AND a select without a selected option selects its first (a reset as each option arrives)
      const plain = parseHtml('<select><option>a<option>b</select>', { limits: false });
      try {
        expect(plain.document.querySelector('select')?.selectedIndex).toBe(0);
      } finally {
        plain.dispose();
      }
      expect(document.querySelector('textarea')?.value).toBe(reference.querySelector('textarea')?.value);
      expect(document.getElementById('late')?.textContent).toBe('x');
      // AND a live collection taken after parsing follows later changes
      const children = document.body.children;
      const before = children.length;
      document.body.append(document.createElement('div'));
      expect(children.length).toBe(before + 1);
    } finally {
      parsed.dispose();
    }
  });
});

describe('parser fast path: DOM operations keep their checks and records', () => {
  test('inserting a node into itself or into its descendant is still refused', () => {
    const parsed = parseHtml('<div id="a"><p id="b"></p></div>', { limits: false });
    try {
      const { document } = parsed;
      const fresh = document.createElement('section');
      // GIVEN a fresh element (no parent, no children: the shape the shortcut takes)
      // WHEN it is appended to itself THEN jsdom's HierarchyRequestError is thrown
      expect(() => fresh.appendChild(fresh)).toThrow(/incorrect node tree/);
      // AND an ancestor cannot be moved under its descendant
      const outer = document.getElementById('a') as Element;
      expect(() => document.getElementById('b')?.appendChild(outer)).toThrow(/incorrect node tree/);
      // AND text cannot go straight into the document
      expect(() => document.appendChild(document.createTextNode('x'))).toThrow(/can't be inserted/);
    } finally {
      parsed.dispose();
    }
  });

  test('a live range in a text node is still moved by an edit', () => {
    const parsed = parseHtml('<p>abcdef</p>', { limits: false });
    try {
      const text = parsed.document.querySelector('p')?.firstChild as Text;
      // GIVEN a range from offset 2 to the end of the text
      const range = parsed.document.createRange();
      range.setStart(text, 2);
      range.setEnd(text, 6);
      // WHEN text is appended (the shape the text shortcut takes) and then cut before the range
      text.appendData('gh');
      text.deleteData(0, 1);
      // THEN jsdom's range steps ran: the range moved back by the removed character
      expect([range.startOffset, range.endOffset]).toEqual([1, 5]);
      expect(text.data).toBe('bcdefgh');
    } finally {
      parsed.dispose();
    }
  });

  test('text edits without a range give the data the DOM standard says, and bad offsets still throw', () => {
    const parsed = parseHtml('<p>abcdef</p><div>x</div>', { limits: false });
    try {
      const { document } = parsed;
      const text = document.querySelector('p')?.firstChild as Text;
      const heading = document.querySelector('div') as Element;
      // GIVEN a text node no range points into (the shape the text shortcut takes)
      // WHEN its data is replaced, spliced, inserted into, cut and appended to
      text.data = 'abcdef';
      text.replaceData(1, 2, 'XYZ');
      expect(text.data).toBe('aXYZdef');
      text.insertData(0, '>');
      text.deleteData(5, 100);
      text.appendData('!');
      // THEN each edit gave the standard's result, and the element's text follows
      expect(text.data).toBe('>aXYZ!');
      expect(document.querySelector('p')?.textContent).toBe('>aXYZ!');
      // AND an offset past the end is still refused with jsdom's IndexSizeError
      expect(() => text.replaceData(7, 0, 'x')).toThrow(/allowed range/);
      // AND a changed attribute still reaches live lists and memoized queries
      const live = document.getElementsByClassName('late');
      expect(live.length).toBe(0);
      heading.setAttribute('class', 'late');
      expect(live.length).toBe(1);
      expect(document.querySelector('.late')).toBe(heading);
    } finally {
      parsed.dispose();
    }
  });

  test('a MutationObserver turns the shortcuts off and receives every record', async () => {
    // GIVEN a window whose page observes a node (the only way records are wanted)
    const { window } = new JSDOM('<div id="watched"></div>');
    const watched = window.document.getElementById('watched') as Element;
    const records: MutationRecord[] = [];
    const observer = new window.MutationObserver((batch) => records.push(...batch));
    observer.observe(watched, { childList: true, attributes: true, characterData: true, subtree: true });
    // THEN the shortcuts are off for good
    expect(parserFastPathActive()).toBe(false);
    // WHEN children, attributes and text change
    const child = window.document.createElement('span');
    watched.append(child);
    child.setAttribute('data-x', '1');
    const text = window.document.createTextNode('a');
    child.append(text);
    text.appendData('b');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // THEN each change was recorded
    expect(records.map((record) => record.type)).toEqual([
      'childList',
      'attributes',
      'childList',
      'characterData',
    ]);
    observer.disconnect();
    window.close();
    // AND parsing, now on jsdom's own path, builds the same tree
    const html = `<body>${TRICKY_MARKUP[0]}</body>`;
    expect(fastPathOutline(html)).toEqual(jsdomOwnOutlines([html])[0]);
  });
});
