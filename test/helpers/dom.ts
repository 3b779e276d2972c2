/** Parse HTML for tests the way the pipeline does: no scripts run, no resources load. */
import { JSDOM, VirtualConsole } from 'jsdom';

export function parseHtml(html: string, url?: string): Document {
  // jsdom's defaults already refuse scripts and subresources; they are spelled out so a
  // later change of defaults cannot turn them on silently.
  const dom = new JSDOM(html, {
    ...(url ? { url } : {}),
    runScripts: undefined,
    resources: undefined,
    virtualConsole: new VirtualConsole(),
  });
  return dom.window.document;
}
