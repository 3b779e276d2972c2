/**
 * What the page worker thread runs (see page-worker.ts): the core pipeline, serving the pages
 * the parent thread sends. Bundled on its own as `page-worker.js` next to the handler bundle, so
 * jsdom loads in this thread only.
 */
import { processArticle } from '../core/process';
import { servePages } from './page-worker';

servePages(processArticle);
