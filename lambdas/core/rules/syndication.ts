/**
 * syndication: a credit line ("Originally published by X", "This article first appeared
 * in X", "Republished from X"), else a canonical URL on another site than the page's.
 */
import type { Fact, SyndicationFact } from '../types';
import type { ExtractionContext } from './context';
import type { ElementIndex } from './element-index';
import { findArticleRoot } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { siteHost } from './site-url';
import { cleanText } from './text';

const CREDIT_PATTERN =
  /\b(?:(?:was\s+)?(?:originally|first)\s+(?:published|appeared|posted|ran)(?=\s+(?:by|in|on|at|from)\s)|(?:re)?published\s+(?:here\s+)?(?:with\s+permission\s+)?(?:from|of)|republished\s+(?:here\s+)?(?:from|with\s+permission\s+(?:from|of))|reprinted\s+(?:with\s+permission\s+)?(?:from|of))\s+(?:(?:by|in|on|at|from)\s+)?(?:the\s+website\s+of\s+)?(.{2,120})/i;
/**
 * What may come before a credit: nothing or a label ("Editor's note:"), the end of a sentence,
 * or the work as subject ("This article was", "The story is", "It"). Anything else is a
 * sentence of the story: "Cases first appeared in West Michigan", "as he first appeared to me".
 */
const CREDIT_SUBJECT_PATTERN =
  /(?:^|[.!?:*—–([]|\b(?:article|story|post|piece|essay|column|op-ed|commentary|interview|report|review|analysis|feature|blog|text|content|version|excerpt|letter|chapter|episode|it|this|which))\s*(?:(?:was|is|has\s+been|had\s+been)\s*)?$/i;
/** Where the publication's name ends in a credit line (a dot inside a domain name does not). */
const NAME_END_PATTERN =
  /\s+(?:and\s+is|and\s+has|and\s+was|under|with|as\s+part|on\s+\w+\s+\d|in\s+\d{4}|is\s+republished|,\s+a\s)|[;:()\n]|\.(?=\s|$)|,\s*(?:and|on|in)\b|\s*,\s*$/i;
/** How many trailing and leading blocks of the article are read for a credit line. */
const DEFAULT_CREDIT_BLOCKS = 8;
/** Blocks that may hold a credit line: these tags, `div.credit`, and elements classed as notes. */
const CREDIT_BLOCK_TAGS = ['p', 'em', 'i', 'small', 'aside'];
const CREDIT_NOTE_CLASSES = ['editor-note', 'footnote'];
/** Class attributes that may hold `credit` or one of CREDIT_NOTE_CLASSES (any case: quirks mode ignores it). */
const CREDIT_CLASS_HINT = new RegExp(['credit', ...CREDIT_NOTE_CLASSES].join('|'), 'i');

export const SYNDICATION_RULES: readonly Rule<SyndicationFact>[] = [
  (context) => factOf(creditLine(context), 'text'),
  (context) => factOf(foreignCanonical(context), 'markup'),
];

export function extractSyndication(context: ExtractionContext): Fact<SyndicationFact> | undefined {
  return firstFact(SYNDICATION_RULES, context);
}

function creditLine(context: ExtractionContext): SyndicationFact | undefined {
  const root = findArticleRoot(context.document);
  const { index } = context;
  const blocks = index
    .candidates({ tags: CREDIT_BLOCK_TAGS, attributes: ['class'] }, root)
    .filter((block) => isCreditBlock(block, index));
  const candidates = [...blocks.slice(-DEFAULT_CREDIT_BLOCKS), ...blocks.slice(0, DEFAULT_CREDIT_BLOCKS)];
  for (const block of candidates) {
    const text = cleanText(block.textContent ?? '', 600);
    if (!text || text.length > 500) continue;
    const match = CREDIT_PATTERN.exec(text);
    if (!match?.[1] || !CREDIT_SUBJECT_PATTERN.test(text.slice(0, match.index))) continue;
    const name = cleanText(
      match[1].split(NAME_END_PATTERN)[0]?.replace(/^the\s+/i, (the) => the),
      120,
    );
    const link = firstLink(block, index);
    const url = context.resolveUrl(link?.getAttribute('href'));
    const cleanName = name && !/^https?:/i.test(name) ? name.replace(/[\s.,]+$/, '') : undefined;
    if (cleanName || url) return { ...(cleanName ? { name: cleanName } : {}), ...(url ? { url } : {}) };
  }
  return undefined;
}

function isCreditBlock(block: Element, index: ElementIndex): boolean {
  if (CREDIT_BLOCK_TAGS.includes(block.localName)) return true;
  // Most of a page's elements are classed: a substring test spares splitting their classes.
  if (!CREDIT_CLASS_HINT.test(block.getAttribute('class') ?? '')) return false;
  if (block.localName === 'div' && index.hasClass(block, 'credit')) return true;
  return CREDIT_NOTE_CLASSES.some((token) => index.hasClass(block, token));
}

/** The block's first link with an `href`. */
function firstLink(block: Element, index: ElementIndex): Element | undefined {
  return index.byTag('a', block).find((link) => link.hasAttribute('href'));
}

function foreignCanonical(context: ExtractionContext): SyndicationFact | undefined {
  if (!context.url || !context.baseUrl || context.baseUrl === context.url) return undefined;
  return siteHost(context.baseUrl) !== siteHost(context.url) ? { url: context.baseUrl } : undefined;
}
