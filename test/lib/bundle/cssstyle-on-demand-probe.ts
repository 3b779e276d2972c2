/**
 * Test-only entry, bundled as the page worker is (lib/bundle/build-page-worker.js) by
 * test/lib/bundle.test.ts and run in a bare node: processes the pages in PROBE_PAGES (a
 * directory of .html files) with the pipeline, lists the on-demand files loaded by then, then
 * reads and writes an inline style and a computed style through jsdom, listing them again, and
 * prints what it saw as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { isInputError } from '../../../lambdas/core/errors';
import { processArticle } from '../../../lambdas/core/process';

export interface CssstyleOnDemandProbeResult {
  /** How many pages were processed, and how many refused (input errors). */
  readonly processed: number;
  readonly refused: number;
  /** On-demand files (base names) loaded after the pages were processed. */
  readonly loadedAfterPages: readonly string[];
  /** What `el.style` gave for an element whose style attribute declares a colour and a display. */
  readonly inlineColor: string;
  readonly inlineDisplay: string;
  /** On-demand files loaded after `.style` was read. */
  readonly loadedAfterStyleRead: readonly string[];
  /** The style attribute after `el.style.color = 'red'` (the declaration's change callback). */
  readonly attributeAfterWrite: string | null;
  /** `el.style` after the attribute was set again: the declaration follows the attribute. */
  readonly colorAfterAttributeChange: string;
  /** `el.style instanceof window.CSSStyleDeclaration`, and whether its prototype is the class's. */
  readonly isInstance: boolean;
  readonly prototypeIsClassPrototype: boolean;
  /** Own properties of the declaration's prototype (cssstyle's accessors). */
  readonly prototypeProperties: number;
  /** `getComputedStyle(div).display`: jsdom's default stylesheet through a new declaration. */
  readonly computedDisplay: string;
}

/** On-demand files in the require cache: the only way the bundle loads them is `require`. */
function loadedOnDemandFiles(): string[] {
  return Object.keys(require.cache)
    .filter((file) => path.basename(path.dirname(file)) === 'page-worker-on-demand')
    .map((file) => path.basename(file))
    .sort();
}

const pageDir = process.env.PROBE_PAGES ?? '';
let processed = 0;
let refused = 0;
for (const file of fs.readdirSync(pageDir).sort()) {
  try {
    processArticle(fs.readFileSync(path.join(pageDir, file)), { sourceName: file });
    processed++;
  } catch (error) {
    if (!isInputError(error)) throw error;
    refused++;
  }
}
const loadedAfterPages = loadedOnDemandFiles();

const { window } = new JSDOM(
  '<!doctype html><html><body style="color: rgb(10, 20, 30); display: flex"><div></div></body></html>',
  { virtualConsole: new VirtualConsole() },
);
const { body } = window.document;
const inlineColor = body.style.color;
const inlineDisplay = body.style.display;
const loadedAfterStyleRead = loadedOnDemandFiles();
body.style.color = 'red';
const attributeAfterWrite = body.getAttribute('style');
body.setAttribute('style', 'color: blue');
const result: CssstyleOnDemandProbeResult = {
  processed,
  refused,
  loadedAfterPages,
  inlineColor,
  inlineDisplay,
  loadedAfterStyleRead,
  attributeAfterWrite,
  colorAfterAttributeChange: body.style.color,
  isInstance: body.style instanceof window.CSSStyleDeclaration,
  prototypeIsClassPrototype: Object.getPrototypeOf(body.style) === window.CSSStyleDeclaration.prototype,
  prototypeProperties: Object.getOwnPropertyNames(Object.getPrototypeOf(body.style)).length,
  computedDisplay: window.getComputedStyle(body.querySelector('div') as Element).display,
};
window.close();
process.stdout.write(JSON.stringify(result));
