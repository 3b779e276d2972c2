/**
 * The standfirst (lead, dek) of an article: the summary paragraph news pages print between
 * the headline and the text, outside the element that holds the text. Readers and
 * publishers count it as the article's first paragraph.
 *
 * It is recognised by what the page says about itself, not by layout: the block must
 * repeat the summary the page declares (JSON-LD `description`, OpenGraph, meta or Twitter
 * description). A summary written only for search engines matches no visible block, and a
 * summary copied from the first paragraph is already in the text: neither adds anything.
 */
import type { ExtractionContext } from './context';
import { articleProperty, textValue } from './json-ld-values';
import { comparable, plainText } from './text';

/** A standfirst shorter than this (comparable characters) is a label, not a summary. */
export const DEFAULT_MIN_LEAD_CHARS = 30;
/**
 * The shorter of block and summary must be at least this share of the longer: summaries
 * are cut at a length limit, and some pages print only the summary's first sentence.
 */
export const DEFAULT_MIN_LEAD_SHARE = 0.5;
/** Elements looked at before giving up: the standfirst sits close to the text. */
export const DEFAULT_MAX_LEAD_ELEMENTS = 400;
/** Longest summary read (characters); longer ones are bodies, not summaries. */
const MAX_SUMMARY_CHARS = 2000;
/** How much of the lead (comparable characters) must appear in the body to count as already there. */
const PRESENT_PREFIX_CHARS = 80;

/** The summaries the page declares for itself, in comparable form, longest first. */
export function declaredSummaries(context: ExtractionContext): string[] {
  const values = [
    textValue(articleProperty(context, 'description', 'abstract'), context),
    context.meta.first('og:description'),
    context.meta.first('description'),
    context.meta.first('twitter:description'),
  ];
  const summaries = new Set<string>();
  for (const value of values) {
    const text = plainText(value, MAX_SUMMARY_CHARS);
    if (text === undefined) continue;
    const summary = comparable(text);
    if (summary.length >= DEFAULT_MIN_LEAD_CHARS) summaries.add(summary);
  }
  return [...summaries].sort((a, b) => b.length - a.length);
}

/**
 * The block before `container` that repeats a declared summary, or undefined.
 * Steps: 1. walk back from the container through the previous siblings of it and of each
 * ancestor, nearest first; 2. test each block of each subtree, outermost first, nearest
 * child first; 3. of a matching block, keep the innermost matching descendant (a header
 * holding the standfirst and a byline is not the standfirst). The headline is never one.
 * `isExcluded` names subtrees that are never text (hidden, scripts, furniture).
 */
export function leadBefore(
  container: Element,
  summaries: readonly string[],
  isExcluded: (element: Element) => boolean,
): Element | undefined {
  if (summaries.length === 0) return undefined;
  const budget = { left: DEFAULT_MAX_LEAD_ELEMENTS };
  const search = (element: Element): Element | undefined => {
    if (budget.left-- <= 0 || isExcluded(element) || element.localName === 'h1') return undefined;
    const text = comparable(element.textContent ?? '');
    if (text.length < DEFAULT_MIN_LEAD_CHARS) return undefined;
    if (matchesSummary(text, summaries)) {
      for (let child = element.lastElementChild; child !== null; child = child.previousElementSibling) {
        const inner = search(child);
        if (inner !== undefined) return inner;
      }
      return element;
    }
    for (let child = element.lastElementChild; child !== null; child = child.previousElementSibling) {
      const found = search(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (let node: Element | null = container; node !== null; node = node.parentElement) {
    if (node.localName === 'body') break;
    for (
      let sibling = node.previousElementSibling;
      sibling !== null;
      sibling = sibling.previousElementSibling
    ) {
      const found = search(sibling);
      if (found !== undefined) return found;
      if (budget.left <= 0) return undefined;
    }
  }
  return undefined;
}

/** Whether the body text already holds the lead (summaries copied from the first paragraph). */
export function bodyHoldsLead(bodyText: string, leadText: string): boolean {
  const lead = comparable(leadText).slice(0, PRESENT_PREFIX_CHARS);
  return lead !== '' && comparable(bodyText).includes(lead);
}

function matchesSummary(text: string, summaries: readonly string[]): boolean {
  for (const summary of summaries) {
    const [shorter, longer] = text.length <= summary.length ? [text, summary] : [summary, text];
    if (shorter.length >= longer.length * DEFAULT_MIN_LEAD_SHARE && longer.startsWith(shorter)) return true;
  }
  return false;
}
