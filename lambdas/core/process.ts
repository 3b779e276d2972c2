/**
 * The core pipeline for one input file: bytes and options in; facts, JSON-LD, validation
 * report and the enriched page out. Pure: no AWS SDK, no process.env, no file system, so the
 * Lambda handler, the local runtime, the CLI and the evaluation scripts all run this same code.
 */
import { decodeInput } from './decode';
import { encodePage, planEnrichment } from './enrich';
import { extractPage } from './extract';
import { blockHoldsArticle, buildArticleGraph } from './jsonld';
import { parseHtml } from './parse';
import { plainTextToArticle } from './plain-text';
import { pruneForExtraction } from './prune';
import type { ArticleFacts, InputKind, JsonLdNode, ProcessOptions, ProcessResult } from './types';
import { validateArticle } from './validate';

/** The pipeline's stages, in order. */
export type ProcessStage = 'decode' | 'parse' | 'extract' | 'jsonld' | 'validate' | 'enrich' | 'encode';

/** Milliseconds spent in each stage (a stage that did not run is absent). */
export type StageTimings = Partial<Record<ProcessStage, number>>;

export interface TimedProcessResult extends ProcessResult {
  readonly timings: StageTimings;
}

/** Generated pages for plain-text and Markdown inputs are always UTF-8. */
const GENERATED_PAGE_ENCODING = 'utf-8';

/**
 * Processes one article file.
 * Steps:
 * 1. decode: pick the encoding, refuse empty/binary/oversized input, tell HTML from text;
 * 2. HTML: guard and parse the page (scripts never run), extract the facts and read the
 *    page's own JSON-LD blocks, then free the document;
 *    text/Markdown: turn the text into facts and a clean HTML page;
 * 3. build the article graph, absorbing the page's article blocks;
 * 4. validate the graph;
 * 5. plan the page's enrichment (one JSON-LD block, missing head tags) as splices into its text;
 * 6. encode the spliced page in its own encoding (UTF-8 when that cannot be written), piece by
 *    piece: building the whole edited text as one string first costs more than encoding it.
 *
 * @throws InputError subclasses (errors.ts) when the file cannot become an article.
 */
export function processArticle(bytes: Uint8Array, options: ProcessOptions = {}): ProcessResult {
  const { timings: _timings, ...result } = processArticleTimed(bytes, options);
  return result;
}

/** `processArticle` that also reports how long each stage took. */
export function processArticleTimed(bytes: Uint8Array, options: ProcessOptions = {}): TimedProcessResult {
  const timings: StageTimings = {};
  const time = <T>(stage: ProcessStage, work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + (performance.now() - started);
    }
  };
  const notices: string[] = [];

  // 1. Decode.
  const decoded = time('decode', () =>
    decodeInput(bytes, {
      sourceName: options.sourceName,
      url: options.url,
      contentType: options.contentType,
      maxBytes: options.maxBytes,
    }),
  );

  // 2. Facts and the page to enrich.
  const source =
    decoded.kind === 'html'
      ? readHtmlPage(decoded.text, options, time, notices)
      : readPlainText(decoded.text, decoded.kind, options, time);

  // 3-4. Graph and report.
  const jsonld = time('jsonld', () =>
    buildArticleGraph(source.facts, {
      existing: source.absorbedNodes,
      publisher: options.publisher,
      url: options.url,
      notices,
    }),
  );
  const report = time('validate', () => validateArticle(jsonld, { now: options.now }));

  // 5-6. Page.
  const enriched = time('enrich', () => ({
    html: source.html,
    edits: planEnrichment(source.html, jsonld, source.facts, {
      url: options.url,
      replaceBlocks: source.replaceBlocks,
    }),
  }));
  const encoded = time('encode', () =>
    encodePage(enriched, source.encoding ?? decoded.encoding, {
      staleDeclaration: source.encoding === undefined && decoded.overruledDeclaration !== undefined,
    }),
  );
  if (source.encoding === undefined && encoded.encoding !== decoded.encoding) {
    notices.push(`The page was written as ${encoded.encoding}: ${decoded.encoding} cannot be encoded here.`);
  }

  return {
    kind: decoded.kind,
    encoding: decoded.encoding,
    facts: source.facts,
    jsonld,
    report,
    page: encoded.bytes,
    pageEncoding: encoded.encoding,
    notices,
    timings,
  };
}

interface ArticleSource {
  readonly facts: ArticleFacts;
  readonly html: string;
  /** Encoding of `html` when it is not the input's (generated pages). */
  readonly encoding?: string;
  readonly absorbedNodes: JsonLdNode[];
  readonly replaceBlocks?: { readonly indexes: number[]; readonly blockCount: number };
}

type Timer = <T>(stage: ProcessStage, work: () => T) => T;

function readHtmlPage(html: string, options: ProcessOptions, time: Timer, notices: string[]): ArticleSource {
  // jsdom parses a copy without what extraction never reads; `html` stays whole for enrich.
  const parsed = time('parse', () => parseHtml(pruneForExtraction(html).html));
  try {
    return time('extract', () => {
      const { facts, jsonLdBlocks: blocks } = extractPage(parsed.document, {
        url: options.url,
        now: options.now,
      });
      const indexes: number[] = [];
      const absorbedNodes: JsonLdNode[] = [];
      for (const block of blocks) {
        if (block.error !== undefined) {
          notices.push(
            `JSON-LD block ${block.index} is malformed (${block.error}); it was left in the page as it was.`,
          );
        } else if (blockHoldsArticle(block.nodes)) {
          indexes.push(block.index);
          absorbedNodes.push(...block.nodes);
        }
      }
      return { facts, html, absorbedNodes, replaceBlocks: { indexes, blockCount: blocks.length } };
    });
  } finally {
    parsed.dispose();
  }
}

function readPlainText(
  text: string,
  kind: Exclude<InputKind, 'html'>,
  options: ProcessOptions,
  time: Timer,
): ArticleSource {
  const article = time('extract', () =>
    plainTextToArticle(text, kind, {
      sourceName: options.sourceName,
      url: options.url,
      contentType: options.contentType,
    }),
  );
  return { facts: article.facts, html: article.html, encoding: GENERATED_PAGE_ENCODING, absorbedNodes: [] };
}
