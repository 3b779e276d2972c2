/**
 * authors: JSON-LD, microdata, meta tags (author, article:author, Dublin Core, Parse.ly,
 * Sailthru, byl), byline markup in the article (never in sidebars, related lists or
 * comments), then a "By ..." line of text, and twitter:creator last.
 */
import type { Fact, JsonLdNode, PersonFact } from '../types';
import { type ExtractionContext, type MicrodataItem, nodeTypes } from './context';
import { articleProperty, deref, textValue, urlValue, valuesOf } from './json-ld-values';
import { microdataArticleValues, microdataItemProperty } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { cleanText, comparable, elementText, plainText } from './text';

/** Most authors kept for one article. */
export const DEFAULT_MAX_AUTHORS = 12;
/** Longest plausible single name, in characters and in words. */
const DEFAULT_MAX_NAME_LENGTH = 60;
const DEFAULT_MAX_NAME_WORDS = 6;

const BY_PREFIX_PATTERN =
  /^\s*(?:(?:written|posted|published|reported|text|words|story|reporting|photos?|interview|geschrieben|verfasst)\s+)?(?:by|von|vom|par|por|door|di|da|af|av|przez|autor(?:in)?|author|auteur|escrito por|text|texte|fotos?)\s*[:\-–—]?\s+/i;
const NAME_SEPARATOR_PATTERN = /\s*(?:,|;|\s&\s|&|\+|\s(?:and|und|et|y|e|i|en|og|och|und)\s)\s*/i;
const ROLE_WORDS_PATTERN =
  /\b(?:reporter|editor|correspondent|writer|staff|contributor|columnist|redakteur(?:in)?|journalist(?:in)?|rédaction|redaktion|redacción|redazione|photographer|chief|senior|news desk|agency|desk|team|bureau|producer|analyst|updated|published|aktualisiert)\b/i;
const NOT_A_NAME_PATTERN_WEEKDAYS =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/i;
const NOT_A_NAME_PATTERN =
  /\d{1,2}[:./]\d{2}|\b(?:19|20)\d{2}\b|\bmin(?:ute)?s?\s+read\b|\bread\b|https?:|www\.|@\w+\.\w|\b(?:ago|share|comments?|follow|subscribe|email|twitter|facebook|linkedin|minutes?|hours?|lesezeit|min\.)\b|[/©]|\b(?:bild|foto|fotos|photo|photos|image|credit|getty|imago|keystone|shutterstock)\b|\b(?:stories|articles|artikel|beiträge|posts|more|mehr|weitere|alle|all|view|profile|profil)\b/i;
/** A "Follow" button glued to a byline name. */
const FOLLOW_SUFFIX_PATTERN = /\s+(?:follow|folgen|suivre|seguir|segui|フォロー|关注|팔로우)$/iu;
/** "Family, Given" as Dublin Core and citation meta write one person per tag. */
const FAMILY_GIVEN_PATTERN = /^\s*([^,]+?),\s*([^,]+?)\s*$/;
const URL_PATTERN = /^(?:https?:)?\/\//i;
const HANDLE_PATTERN = /^@\w+$/;

const BYLINE_SELECTORS = [
  '[rel~="author"]',
  '[itemprop~="author"] [itemprop~="name"]',
  '[itemprop~="author"]',
  '.author-name, .author__name, .author_name, .authorName, .byline__name, .byline-name, .c-byline__author',
  '[class*="byline"] a[href*="author"], [class*="byline"] a[href*="autor"]',
  '.byline, .by-line, .article-byline, .story-byline, [data-testid*="byline"], [class*="Byline"]',
  '.author, .article-author, .post-author, .entry-author, address',
  '[class*="author"] a, [class*="autor"] a',
  '[class*="author"]:not(body):not(article), [class*="autor"]:not(body):not(article)',
];

export const AUTHOR_RULES: readonly Rule<PersonFact[]>[] = [
  (context) => factOf(jsonLdAuthors(context), 'json-ld'),
  (context) => factOf(microdataAuthors(context), 'microdata'),
  (context) =>
    factOf(
      namesToPeople(
        [
          ...['author', 'article:author', 'parsely-author', 'sailthru.author', 'byl'].flatMap((key) =>
            context.meta.all(key).filter((value) => !URL_PATTERN.test(value)),
          ),
          ...context.meta.all('citation_author').map(givenFirst),
        ],
        context,
        'meta',
      ),
      'meta',
    ),
  (context) =>
    factOf(
      namesToPeople(
        [...context.meta.all('dc.creator'), ...context.meta.all('dcterms.creator')].map(givenFirst),
        context,
        'meta',
      ),
      'dublin-core',
    ),
  (context) => factOf(bylineAuthors(context), 'markup'),
  (context) => factOf(textBylineAuthors(context), 'text'),
  (context) =>
    factOf(
      namesToPeople(
        context.meta.all('twitter:creator').filter((value) => !HANDLE_PATTERN.test(value)),
        context,
      ),
      'meta',
    ),
];

/**
 * The authors. Steps: 1. take the first source that names anyone, most trusted first;
 * 2. when those names only repeat the publisher's (a CMS default), keep looking in the
 * later sources for a person and use the publisher only when none is named.
 */
export function extractAuthors(context: ExtractionContext): Fact<PersonFact[]> | undefined {
  let publisherOnly: Fact<PersonFact[]> | undefined;
  for (const rule of AUTHOR_RULES) {
    const fact = firstFact([rule], context);
    if (!fact) continue;
    if (!namesOnlyPublisher(fact.value, context)) return fact;
    publisherOnly ??= fact;
  }
  return publisherOnly;
}

/** Shortest site name recognised inside a longer author name ("EFC <Site Name>"). */
const DEFAULT_MIN_SITE_KEY_INSIDE_NAME = 6;

/** Whether every person named is the site or publisher itself. */
function namesOnlyPublisher(people: readonly PersonFact[], context: ExtractionContext): boolean {
  const sites = publisherKeys(context);
  return people.every((person) => {
    const key = comparable(person.name).replace(/\s+/g, '');
    return (
      key !== '' &&
      sites.some(
        (site) =>
          site === key ||
          (site.length >= 4 && key.startsWith(site)) ||
          (site.length >= DEFAULT_MIN_SITE_KEY_INSIDE_NAME && key.includes(site)),
      )
    );
  });
}

/** Squashed names of the site: og:site_name, the JSON-LD publisher and WebSite, the host. */
function publisherKeys(context: ExtractionContext): string[] {
  const names = [
    context.meta.first('og:site_name'),
    textValue(articleProperty(context, 'publisher'), context),
  ];
  for (const node of context.jsonLdNodes) {
    const types = nodeTypes(node);
    if (
      (types.includes('website') ||
        types.includes('organization') ||
        types.includes('newsmediaorganization')) &&
      typeof node.name === 'string'
    )
      names.push(node.name);
  }
  const host = hostName(context);
  if (host) names.push(host, host.split('.').slice(0, -1).join('.'));
  return names
    .filter((name): name is string => Boolean(name))
    .map((name) => comparable(name).replace(/\s+/g, ''))
    .filter((key) => key.length >= 2);
}

function hostName(context: ExtractionContext): string | undefined {
  const url = context.baseUrl ?? context.url;
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function jsonLdAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const raw = articleProperty(context, 'author', 'creator');
  const people: PersonFact[] = [];
  for (const value of valuesOf(raw)) {
    const resolved = deref(value, context);
    if (typeof resolved === 'string') {
      if (!URL_PATTERN.test(resolved)) people.push(...namesToPeople([resolved], context, 'declared'));
      continue;
    }
    if (!resolved || typeof resolved !== 'object' || Array.isArray(resolved)) continue;
    const node = resolved as JsonLdNode;
    const name = textValue(node.name, context) ?? joinedName(node, context);
    if (!name) continue;
    const names = splitNames(name, context, 'declared');
    for (const single of names) {
      people.push(
        compactPerson({
          name: single,
          url:
            names.length === 1
              ? context.resolveUrl(urlValue(node.url ?? valuesOf(node.sameAs)[0], context))
              : undefined,
          jobTitle: plainText(textValue(node.jobTitle, context), 200),
          affiliation: plainText(textValue(node.affiliation ?? node.worksFor, context), 200),
          bio: plainText(textValue(node.description, context), 1000),
        }),
      );
    }
  }
  return dedupe(people);
}

function microdataAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const people: PersonFact[] = [];
  for (const value of microdataArticleValues(context, 'author')) {
    if (typeof value === 'string') {
      if (!URL_PATTERN.test(value)) people.push(...namesToPeople([value], context, 'declared'));
      continue;
    }
    const item: MicrodataItem = value;
    const name = microdataItemProperty(item, 'name') ?? elementText(item.element, 200);
    for (const single of splitNames(name, context, 'declared')) {
      people.push(
        compactPerson({
          name: single,
          url: context.resolveUrl(microdataItemProperty(item, 'url')),
          jobTitle: plainText(microdataItemProperty(item, 'jobTitle'), 200),
        }),
      );
    }
  }
  return dedupe(people);
}

/** Byline markup inside the article (never in a sidebar, related list or comment thread). */
function bylineAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const root = findArticleRoot(context.document);
  const scopes = root === context.document.body ? [root] : [root, context.document.body ?? root];
  for (const scope of scopes) {
    for (const selector of BYLINE_SELECTORS) {
      const elements = Array.from(scope.querySelectorAll(selector))
        .filter((element) => !isInForeignRegion(element, root))
        .slice(0, DEFAULT_MAX_AUTHORS);
      const people = dedupe(elements.flatMap((element) => bylinePeople(element, context)));
      if (people && people.length > 0) return people;
    }
  }
  return undefined;
}

/**
 * People named by one byline element: its links when they read as names (a byline's
 * links are usually the authors' pages), else its text, words of nested elements kept apart.
 */
function bylinePeople(element: Element, context: ExtractionContext): PersonFact[] {
  const links =
    element.tagName === 'A' ? [element] : Array.from(element.querySelectorAll('a[href]')).slice(0, 6);
  const linked = links.flatMap((link) => {
    const found = namesToPeople([spacedText(link)], context);
    const url = context.resolveUrl(link.getAttribute('href'));
    return found.length === 1 && found[0] && url ? [{ ...found[0], url }] : found;
  });
  if (linked.length > 0) return linked;
  return namesToPeople([spacedText(element)], context);
}

/** Text with a space between the text nodes (bylines often glue "By" and the name in separate spans). */
function spacedText(element: Element): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && parts.length < 50; node = walker.nextNode()) {
    parts.push(node.textContent ?? '');
  }
  return cleanText(parts.join(' '), 300) ?? '';
}

/** A short "By Jane Doe" line near the top of the article. */
function textBylineAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const root = findArticleRoot(context.document);
  const blocks = Array.from(root.querySelectorAll('p, div, span, em, strong')).slice(0, 200);
  for (const block of blocks) {
    if (block.children.length > DEFAULT_MAX_BYLINE_CHILDREN || isInForeignRegion(block, root)) continue;
    // A byline often shares its block with a dateline or place after a line break.
    const text = cleanText(firstLine(block), 200);
    if (!text || text.length > 100 || !TEXT_BYLINE_PATTERN.test(text)) continue;
    const people = namesToPeople([text], context);
    if (people.length > 0) return people;
  }
  return undefined;
}

/** Most child elements of a block read as a text byline ("Von <b><a>A</a></b> und <b><a>B</a></b><br>..."). */
const DEFAULT_MAX_BYLINE_CHILDREN = 8;
const TEXT_BYLINE_PATTERN =
  /^\s*(?:(?:written|posted|geschrieben|verfasst|écrit|escrito)\s+)?(?:by|von|par|por|door)\s+\p{Lu}/iu;

/** The text of a block up to its first line break. */
function firstLine(block: Element): string {
  let text = '';
  const walker = block.ownerDocument.createTreeWalker(block, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  for (let node = walker.nextNode(); node && text.length < 300; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if ((node as Element).tagName === 'BR') break;
      continue;
    }
    text += node.textContent ?? '';
  }
  return text;
}

/**
 * How much a name source is trusted: `declared` (JSON-LD, microdata: the page names its
 * author, even an organisation or "staff reporter"), `meta` (role words dropped), `found`
 * (bylines found in markup or text: role words and the site name dropped too).
 */
export type NameTrust = 'declared' | 'meta' | 'found';

/** People for raw name strings: "By" stripped, "A and B" / "A, B & C" split, non-names dropped. */
export function namesToPeople(
  raw: readonly string[],
  context: ExtractionContext,
  trust: NameTrust = 'found',
): PersonFact[] {
  const people = raw.flatMap((value) => splitNames(value, context, trust)).map((name) => ({ name }));
  return dedupe(people) ?? [];
}

/**
 * "Tollefson, Jeff" -> "Jeff Tollefson" for tags that hold one person each; a value with
 * more words on either side is a list, left to the splitter.
 */
function givenFirst(value: string): string {
  const match = FAMILY_GIVEN_PATTERN.exec(value);
  if (!match?.[1] || !match[2]) return value;
  const words = (part: string) => part.trim().split(/\s+/).length;
  return words(match[1]) <= 2 && words(match[2]) <= 3 ? `${match[2]} ${match[1]}` : value;
}

/** Given and family names joined, for Person nodes without `name`. */
function joinedName(node: JsonLdNode, context: ExtractionContext): string | undefined {
  const parts = [node.givenName, node.additionalName, node.familyName]
    .map((part) => textValue(part, context))
    .filter((part): part is string => Boolean(part?.trim()));
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Split a byline into clean names; parts that are dates, roles or the site name are dropped (see NameTrust). */
export function splitNames(
  raw: string | undefined,
  context?: ExtractionContext,
  trust: NameTrust = 'found',
): string[] {
  const text = plainText(raw, 400);
  if (!text) return [];
  // Cut trailing metadata ("Jane Doe | Updated 3 May", "Jane Doe - 5 min read").
  const head = (text.split(/\s+[|•·]\s+|\s+[-–—]\s+(?=.*\d)|\n/)[0] ?? text).replace(BY_PREFIX_PATTERN, '');
  const siteNames = context && trust === 'found' ? siteNameKeys(context) : [];
  return head
    .split(NAME_SEPARATOR_PATTERN)
    .map((part) => part.replace(BY_PREFIX_PATTERN, '').replace(/^[\s:,\-–—]+|[\s:,\-–—.]+$/g, ''))
    .map((part) => part.replace(/\s*\([^)]*\)\s*$/, '').trim())
    .map((part) => part.replace(FOLLOW_SUFFIX_PATTERN, '').trim())
    .filter((part) => isPlausibleName(part, trust) && !siteNames.includes(comparable(part)))
    .slice(0, DEFAULT_MAX_AUTHORS);
}

function isPlausibleName(name: string, trust: NameTrust): boolean {
  if (name.length < 2 || name.length > DEFAULT_MAX_NAME_LENGTH) return false;
  if (!/\p{L}/u.test(name) || NOT_A_NAME_PATTERN.test(name) || NOT_A_NAME_PATTERN_WEEKDAYS.test(name))
    return false;
  if (trust !== 'declared' && ROLE_WORDS_PATTERN.test(name)) return false;
  // Found text with digits is a reading time or date ("3 Min"), not a name.
  if (trust === 'found' && /\d/.test(name)) return false;
  if (URL_PATTERN.test(name) || name.includes('@')) return false;
  return name.split(/\s+/).length <= DEFAULT_MAX_NAME_WORDS;
}

function siteNameKeys(context: ExtractionContext): string[] {
  const publisher = articleProperty(context, 'publisher');
  return [context.meta.first('og:site_name'), textValue(publisher, context)]
    .filter((name): name is string => Boolean(name))
    .map(comparable);
}

function compactPerson(person: PersonFact): PersonFact {
  const entries = Object.entries(person).filter(([, value]) => value !== undefined && value !== '');
  return Object.fromEntries(entries) as unknown as PersonFact;
}

function dedupe(people: PersonFact[]): PersonFact[] | undefined {
  const seen = new Set<string>();
  const unique: PersonFact[] = [];
  for (const person of people) {
    const key = comparable(person.name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    unique.push(person);
  }
  return unique.length > 0 ? unique.slice(0, DEFAULT_MAX_AUTHORS) : undefined;
}
