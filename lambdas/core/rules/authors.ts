/**
 * authors: JSON-LD, microdata, meta tags (author, article:author, Parse.ly, Sailthru, byl,
 * Yoast's twitter "Written by" label, Shareaholic, Dublin Core), byline markup in the article (never in
 * sidebars, related lists or comments), then a "By ..." or "Autor:" line of text, then a
 * marked signature closing the article, and twitter:creator last.
 */
import type { Fact, JsonLdNode, PersonFact } from '../types';
import {
  BYLINE_KINDS,
  bylineBoxes,
  bylineCandidates,
  headlineElement,
  isForeignByline,
} from './authors-markup';
import { type ExtractionContext, type MicrodataItem, nodeTypes } from './context';
import { articleProperty, deref, textValue, urlValue, valuesOf } from './json-ld-values';
import { microdataArticleValues, microdataItemProperty } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { siteHost } from './site-url';
import { cleanText, comparable, elementText, plainText, startsWithCapital } from './text';

/** Most authors kept for one article. */
export const DEFAULT_MAX_AUTHORS = 12;
/** Longest plausible single name, in characters and in words. */
const DEFAULT_MAX_NAME_LENGTH = 60;
const DEFAULT_MAX_NAME_WORDS = 6;

const BY_PREFIX_PATTERN =
  /^\s*(?:(?:written|posted|published|reported|text|words|story|reporting|photos?|interview|geschrieben|verfasst)\s+)?(?:by|von|vom|par|por|door|di|da|af|av|przez|autor(?:in)?|author|auteur|escrito por|text|texte|fotos?)\s*[:\-–—]?\s+/i;
const NAME_SEPARATOR_PATTERN = /\s*(?:,|;|、|\s&\s|&|\+|\s(?:and|und|et|y|e|i|en|og|och|und)\s)\s*/i;
const ROLE_WORDS_PATTERN =
  /\b(?:reporter|editor|correspondent|writer|staff|contributor|columnist|redakteur(?:in)?|journalist(?:in)?|rédaction|redaktion|redacción|redazione|photographer|chief|senior|news desk|agency|desk|team|bureau|producer|analyst|updated|published|aktualisiert)\b/i;
const NOT_A_NAME_PATTERN_WEEKDAYS =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/i;
const NOT_A_NAME_PATTERN =
  /\d{1,2}[:./]\d{2}|[[({]at[\])}]|\b(?:19|20)\d{2}\b|\bmin(?:ute)?s?\s+read\b|\bread\b|https?:|www\.|@\w+\.\w|\b(?:ago|share|teilen|twittern|tweet|anmelden|login|drucken|print|comments?|follow|subscribe|email|contact|kontakt|twitter|facebook|linkedin|minutes?|hours?|lesezeit|min\.)\b|[/©]|\b(?:bild|foto|fotos|photo|photos|image|credit|getty|imago|keystone|shutterstock)\b|\b(?:photograph|fotograf|illustrat|grafik|graphic)\w*|\b(?:stories|articles|artikel|beiträge|posts|more|mehr|weitere|alle|all|view|profile|profil)\b/i;
/** A "Follow" button glued to a byline name. */
const FOLLOW_SUFFIX_PATTERN = /\s+(?:follow|folgen|suivre|seguir|segui|フォロー|关注|팔로우)$/iu;
/** "Family, Given" as Dublin Core and citation meta write one person per tag. */
const FAMILY_GIVEN_PATTERN = /^\s*([^,]+?),\s*([^,]+?)\s*$/;
const URL_PATTERN = /^(?:https?:)?\/\//i;
/** CMS accounts and template placeholders that stand in for no one ("admin", "No Author"). */
const CMS_ACCOUNT_PATTERN =
  /^(?:admin|administrator|webmaster|wpadmin|superuser|root|user\d*|guest|editor|no\s+author|n\/a)$/i;
const HANDLE_PATTERN = /^@\w+$/;

/**
 * Meta tags naming the author: author, article:author (also as `og:article:author` and
 * `article:author_name`, which some CMSs write), Parse.ly, Sailthru, byl; citation_author below.
 */
const META_AUTHOR_KEYS = [
  'author',
  'article:author',
  'og:article:author',
  'article:author_name',
  'parsely-author',
  'sailthru.author',
  'byl',
];
/** Meta tags naming the author (META_AUTHOR_KEYS, citation_author). */
const metaAuthorRule: Rule<PersonFact[]> = (context) =>
  factOf(
    namesToPeople(
      [
        ...META_AUTHOR_KEYS.flatMap((key) =>
          context.meta.all(key).filter((value) => !URL_PATTERN.test(value)),
        ),
        ...context.meta.all('citation_author').map(givenFirst),
      ],
      context,
      'meta',
    ),
    'meta',
  );

export const AUTHOR_RULES: readonly Rule<PersonFact[]>[] = [
  (context) => factOf(jsonLdAuthors(context), 'json-ld'),
  (context) => factOf(microdataAuthors(context), 'microdata'),
  metaAuthorRule,
  (context) => factOf(namesToPeople(labelledTwitterAuthors(context), context, 'declared'), 'meta'),
  // The Shareaholic sharing plugin for WordPress writes the post author's display name.
  (context) =>
    factOf(namesToPeople(context.meta.all('shareaholic:article_author_name'), context, 'meta'), 'meta'),
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
  (context) => factOf(signatureAuthors(context), 'text'),
  (context) =>
    factOf(
      namesToPeople(
        context.meta.all('twitter:creator').filter((value) => !HANDLE_PATTERN.test(value)),
        context,
      ),
      'meta',
    ),
];

/** Labels of the author in Yoast's twitter label/data pairs ("Written by" / "Verfasst von"). */
const TWITTER_AUTHOR_LABEL_PATTERN =
  /^(?:written\s+by|verfasst\s+von|geschrieben\s+von|écrit\s+par|escrito\s+por|scritto\s+da|geschreven\s+door|autor(?:in)?|author|auteur)$/iu;
/** Label/data pairs Yoast writes (twitter:label1 .. twitter:label4). */
const DEFAULT_MAX_TWITTER_LABELS = 4;

/**
 * The WordPress author Yoast shows to Twitter: `twitter:label1="Written by"` with the name in
 * `twitter:data1`, or one `twitter:misc:Written by` tag (headless WordPress). Yoast writes it
 * from the same account as its JSON-LD author, so it is trusted as declared.
 */
function labelledTwitterAuthors(context: ExtractionContext): string[] {
  const names: string[] = [];
  for (let index = 1; index <= DEFAULT_MAX_TWITTER_LABELS; index++) {
    const label = context.meta.first(`twitter:label${index}`);
    const data = context.meta.first(`twitter:data${index}`);
    if (label && data && TWITTER_AUTHOR_LABEL_PATTERN.test(label.trim())) names.push(data);
  }
  // The meta index splits a name attribute on spaces (RDFa lists): "twitter:misc:Written by"
  // is stored under "twitter:misc:written".
  names.push(...context.meta.all('twitter:misc:written'));
  return names.filter((name) => !URL_PATTERN.test(name));
}

/**
 * The authors. Steps: 1. take the first source that names anyone, most trusted first,
 * without the publisher when it sits beside people; 2. when those names only repeat the
 * publisher's (a CMS default), keep looking in the later sources for a person and use the
 * publisher only when none is named; 3. when they are one-word handles ("todd"), use the
 * next source only if it spells them out ("Todd Bates"); 4. initials alone lose to the
 * publisher when the page names one; 5. a declared list is completed by the byline box
 * beside the headline when it names the same people and co-authors besides.
 */
export function extractAuthors(context: ExtractionContext): Fact<PersonFact[]> | undefined {
  let publisherOnly: Fact<PersonFact[]> | undefined;
  let handlesOnly: Fact<PersonFact[]> | undefined;
  for (const rule of AUTHOR_RULES) {
    const fact = firstFact([rule], context);
    if (!fact) continue;
    if (namesOnlyPublisher(fact.value, context)) {
      publisherOnly ??= fact;
      continue;
    }
    const people = fact.value.filter((person) => !namesOnlyPublisher([person], context));
    const found = people.length === fact.value.length ? fact : { ...fact, value: people };
    if (handlesOnly) {
      if (spellsOut(found.value, handlesOnly.value)) return found;
      // Another source repeating the handle ("Nils" in meta and markup): a later one may spell it out.
      if (found.value.every(isBareHandle)) continue;
      return handlesOnly;
    }
    if (!found.value.every(isBareHandle)) return withFullerByline(found, context);
    // A blog's owner is its publisher: "Christoph Hein" declared beats a later "Christoph".
    if (publisherOnly && spellsOut(publisherOnly.value, found.value)) return publisherOnly;
    handlesOnly = found;
  }
  // Initials ("amw") name no one a reader can find: the publisher the page declares does.
  if (handlesOnly && publisherOnly && handlesOnly.value.every((person) => INITIALS_PATTERN.test(person.name)))
    return publisherOnly;
  return handlesOnly ?? publisherOnly;
}

/** Sources whose list a fuller visible byline may complete. */
const COMPLETABLE_SOURCES = new Set(['json-ld', 'microdata', 'meta', 'dublin-core']);
/** Most people one byline box may name to complete a declared list. */
const DEFAULT_MAX_BYLINE_BOX_PEOPLE = 4;
/** Longest text of a byline box naming several people, in characters. */
const DEFAULT_MAX_BYLINE_BOX_TEXT = 400;
/** Byline boxes read to complete a declared list (the article's own byline comes early). */
const DEFAULT_MAX_BYLINE_BOXES = 12;

/**
 * A declared list completed by one byline box in the article that names every declared
 * person and more people (co-authors the JSON-LD left out). Steps: 1. read the article
 * root's small byline- or author-classed boxes from the element index (bounded); 2. take
 * the first naming every declared person and at most four people in all, the others full
 * names that are not the publisher; 3. outside foreign regions and other articles' teasers.
 * The declared people keep their details; the others are added in the box's order.
 */
function withFullerByline(fact: Fact<PersonFact[]>, context: ExtractionContext): Fact<PersonFact[]> {
  if (!COMPLETABLE_SOURCES.has(fact.source) || fact.value.length >= DEFAULT_MAX_BYLINE_BOX_PEOPLE)
    return fact;
  const { document } = context;
  const root = findArticleRoot(document);
  const declared = new Map(fact.value.map((person) => [comparable(person.name), person]));
  const declaredKeys = [...declared.keys()];
  const declaredWords = declaredKeys.join(' ').split(' ').length;
  let headline: Element | null | undefined = null;
  for (const box of bylineBoxes(context.index, root, DEFAULT_MAX_BYLINE_BOXES)) {
    // Cheap tests first: the box's text holds every declared name, and words for one more name.
    const text = box.textContent ?? '';
    if (text.length > DEFAULT_MAX_BYLINE_BOX_TEXT) continue;
    const words = comparable(text);
    if (words.split(' ').length < declaredWords + DEFAULT_MIN_SIGNATURE_WORDS) continue;
    if (!declaredKeys.every((key) => ` ${words} `.includes(` ${key} `))) continue;
    const people = dedupe(bylinePeople(box, context));
    if (!people || people.length <= fact.value.length || people.length > DEFAULT_MAX_BYLINE_BOX_PEOPLE)
      continue;
    const keys = new Set(people.map((person) => comparable(person.name)));
    if (!declaredKeys.every((key) => keys.has(key))) continue;
    const added = people.filter((person) => !declared.has(comparable(person.name)));
    if (!added.every((person) => isSignatureName(person.name) && !namesOnlyPublisher([person], context)))
      continue;
    if (headline === null) headline = headlineElement(context.index, root);
    if (isForeignByline(box, root, headline) || isInTeaserArticle(box, root, headline)) continue;
    return { ...fact, value: people.map((person) => declared.get(comparable(person.name)) ?? person) };
  }
  return fact;
}

/** Whether an `article` element below the root, without the headline, holds the element: another article's teaser. */
function isInTeaserArticle(element: Element, root: Element, headline: Element | undefined): boolean {
  for (let current = element.parentElement; current && current !== root; current = current.parentElement)
    if (current.localName === 'article' && !(headline && current.contains(headline))) return true;
  return false;
}

/** An editor's initials: two to four letters, all of one case ("amw", "DT"). */
const INITIALS_PATTERN = /^(?:\p{Ll}{2,4}|\p{Lu}{2,4})$/u;

/** A one-word name ("todd", "dt"): a user name or initials a later source may spell out. */
function isBareHandle(person: PersonFact): boolean {
  return !/\s/.test(person.name.trim());
}

/** Whether `people` spell out every handle: "todd" -> "Todd Bates", "dt" -> "Donald Townsend". */
function spellsOut(people: readonly PersonFact[], handles: readonly PersonFact[]): boolean {
  const spelled = people.map((person) => comparable(person.name).split(/\s+/));
  return handles.every((handle) => {
    const key = comparable(handle.name).replace(/[\s.]+/g, '');
    return spelled.some(
      (words) =>
        words.length >= 2 && (words[0] === key || words.map((word) => word.charAt(0)).join('') === key),
    );
  });
}

/** Shortest site name recognised inside a longer author name ("EFC <Site Name>"). */
const DEFAULT_MIN_SITE_KEY_INSIDE_NAME = 6;

/** Whether every person named is the site or publisher itself, spelled out or abbreviated. */
function namesOnlyPublisher(people: readonly PersonFact[], context: ExtractionContext): boolean {
  const { sites, abbreviations } = publisherNamesOf(context);
  return people.every((person) => {
    const words = comparable(person.name).split(' ');
    const key = words.join('');
    // "LN" on ln-online.de, "JF" for "Junge Freiheit", "Frankfurter Allgemeine Zeitung" on faz.net.
    if (abbreviations.has(key)) return true;
    // Two-letter initials are too common among people's names ("Daniel Aragón" on a "Diario ABC").
    const initials = initialsOf(words);
    if (
      words.length >= 2 &&
      initials.length >= DEFAULT_MIN_SPELLED_OUT_INITIALS &&
      abbreviations.has(initials)
    )
      return true;
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

interface PublisherNames {
  readonly sites: readonly string[];
  readonly abbreviations: ReadonlySet<string>;
}
/** Computed once per page: every candidate name is compared with them. */
const publisherNamesCache = new WeakMap<ExtractionContext, PublisherNames>();

function publisherNamesOf(context: ExtractionContext): PublisherNames {
  let names = publisherNamesCache.get(context);
  if (!names) {
    names = { sites: publisherKeys(context), abbreviations: publisherAbbreviations(context) };
    publisherNamesCache.set(context, names);
  }
  return names;
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
  const host = context.siteHost;
  if (host) {
    names.push(host, host.split('.').slice(0, -1).join('.'));
    // "Deutsche Welle (www.dw.com)": an author tag naming the site by its own address.
    for (const value of context.meta.all('author')) {
      const named = SITE_ADDRESS_SUFFIX_PATTERN.exec(value);
      if (named?.[1] && named[2]?.toLowerCase() === host) names.push(named[1]);
    }
  }
  return names
    .filter((name): name is string => Boolean(name))
    .map((name) => comparable(name).replace(/\s+/g, ''))
    .filter((key) => key.length >= 2);
}

/** A name followed by a site's address in brackets: "Deutsche Welle (www.dw.com)". */
const SITE_ADDRESS_SUFFIX_PATTERN =
  /^\s*([^()]+?)\s*\(\s*(?:https?:\/\/)?(?:www\.)?([^\s/()]+\.[a-z]{2,})\/?\s*\)\s*$/iu;

/** Longest abbreviation of a publisher compared by its letters ("ln", "faz"). */
const DEFAULT_MAX_ABBREVIATION_LENGTH = 4;
/** Fewest initials of a spelled-out name matched against an abbreviation ("Frankfurter Allgemeine Zeitung" on faz.net). */
const DEFAULT_MIN_SPELLED_OUT_INITIALS = 3;

/**
 * Short forms of the publisher's name: the host's first label or its part before a hyphen
 * ("dw" of dw.com, "ln" of ln-online.de) and the initials of the site's name ("jf").
 */
function publisherAbbreviations(context: ExtractionContext): Set<string> {
  const found = new Set<string>();
  const label = context.siteHost?.split('.')[0];
  for (const part of label ? [label, label.split('-')[0] ?? ''] : [])
    if (part.length >= 2 && part.length <= DEFAULT_MAX_ABBREVIATION_LENGTH) found.add(part);
  for (const name of [
    context.meta.first('og:site_name'),
    textValue(articleProperty(context, 'publisher'), context),
  ]) {
    const words = name ? comparable(name).split(' ') : [];
    const initials = initialsOf(words);
    if (words.length >= 2 && initials.length <= DEFAULT_MAX_ABBREVIATION_LENGTH) found.add(initials);
  }
  return found;
}

function initialsOf(words: readonly string[]): string {
  return words.map((word) => word.charAt(0)).join('');
}

/** Posting types the article types leave out ("DiscussionForumPosting"): a thread's first post. */
const POSTING_TYPE_PATTERN = /posting$/;

function jsonLdAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const posting =
    context.articleNodes.length === 0
      ? context.jsonLdNodes.find((node) => nodeTypes(node).some((type) => POSTING_TYPE_PATTERN.test(type)))
      : undefined;
  const raw = posting ? (posting.author ?? posting.creator) : articleProperty(context, 'author', 'creator');
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

/**
 * Byline markup inside the article (never in a sidebar, related list or comment thread).
 * Steps: 1. collect the article root's candidates of every kind in one walk; 2. take the
 * first kind whose candidates outside foreign regions name someone; 3. when none does,
 * the same over the rest of the body.
 */
function bylineAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const { document } = context;
  const root = findArticleRoot(document);
  const headline = headlineElement(context.index, root);
  const passes: [Element, Element | undefined][] = [[root, undefined]];
  if (document.body && root !== document.body) passes.push([document.body, root]);
  let siteOnly: PersonFact[] | undefined;
  for (const [scope, skip] of passes) {
    const candidates = bylineCandidates(scope, skip);
    for (const kind of BYLINE_KINDS) {
      // Outside the article, author-page links belong to other articles' teasers.
      if (skip && kind === 'author-page-link') continue;
      const elements = (candidates.get(kind) ?? [])
        .filter((element) => !isForeignByline(element, root, headline))
        .slice(0, DEFAULT_MAX_AUTHORS);
      const people = dedupe(elements.flatMap((element) => bylinePeople(element, context)));
      if (!people) continue;
      // A byline naming only the site ("Written by Example Times") is kept for last.
      if (!namesOnlyPublisher(people, context)) return people;
      siteOnly ??= people;
    }
  }
  return siteOnly;
}

/**
 * People named by one byline element: its links when they read as names (a byline's
 * links are usually the authors' pages), else its text, words of nested elements kept apart.
 */
function bylinePeople(element: Element, context: ExtractionContext): PersonFact[] {
  if (element.tagName === 'A' && isNonAuthorLink(element)) return [];
  const links =
    element.tagName === 'A' ? [element] : Array.from(element.querySelectorAll('a[href]')).slice(0, 6);
  const linked = links
    .filter((link) => !isNonAuthorLink(link) && !isHomePageLink(link, context))
    .flatMap((link) => {
      const handle = authorPageHandle(link);
      const found = handle ? [{ name: handle }] : namesToPeople([spacedText(link)], context, 'markup');
      const url = context.resolveUrl(link.getAttribute('href'));
      return found.length === 1 && found[0] && url ? [{ ...found[0], url }] : found;
    });
  if (linked.length > 0) return linked;
  // Tag and category links in the same box are no names: read the text around them.
  return namesToPeople(
    [spacedText(element, (link) => isNonAuthorLink(link) || isHomePageLink(link, context))],
    context,
    'markup',
  );
}

/**
 * A link to this site's home page: its text is the site's name, even inside a box classed
 * "author" (a blog header's `<h1 class="vcard author"><a href="/">Blog Name</a>`). An
 * author's own website on another host is kept.
 */
function isHomePageLink(link: Element, context: ExtractionContext): boolean {
  const href = link.getAttribute('href')?.trim() ?? '';
  if (!ORIGIN_PATTERN.test(href)) return HOME_PATH_PATTERN.test(href);
  const target = context.siteHost === undefined ? undefined : context.resolveUrl(href);
  if (target === undefined || siteHost(target) !== context.siteHost) return false;
  const { pathname, search, hash } = new URL(target);
  return search === '' && hash === '' && HOME_PATH_PATTERN.test(pathname);
}
/** A home page path: "/", "/index.html". */
const HOME_PATH_PATTERN = /^\/(?:index\.\w{2,5})?$/i;
/** An href naming a host: absolute or protocol-relative. */
const ORIGIN_PATTERN = /^(?:https?:)?\/\//i;

/** A user name with digits ("freeman1984"): found text with digits is otherwise no name. */
const HANDLE_WITH_DIGITS_PATTERN = /^\p{L}[\p{L}\p{N}_.-]{1,29}$/u;

/**
 * The text of a link to its own author page when it is the page's user name
 * (`<a href="/author/freeman1984/">freeman1984</a>`): the CMS account is the author.
 */
function authorPageHandle(link: Element): string | undefined {
  const text = link.textContent?.trim() ?? '';
  if (!/\d/.test(text) || !HANDLE_WITH_DIGITS_PATTERN.test(text)) return undefined;
  const slug = AUTHOR_PAGE_SLUG_PATTERN.exec(link.getAttribute('href') ?? '')?.[1];
  return slug?.toLowerCase() === text.toLowerCase() ? text : undefined;
}
const AUTHOR_PAGE_SLUG_PATTERN =
  /\/(?:authors?|autor(?:en|in)?|auteurs?|members?|users?|profile)\/([^/?#\s]+)\/?(?:[?#]|$)/i;

/** Tag and category pages, mail, comment and script links: a byline box's other links, never an author. */
const NON_AUTHOR_REL_PATTERN = /(?:^|\s)(?:tag|category)(?:$|\s)/i;
const NON_AUTHOR_HREF_PATTERN =
  /^(?:mailto:|javascript:|#)|\/(?:tags?|category|categories|kategorie|schlagwort|schlagworte|topics?|themen?)\/|[?&](?:cat|tag)=/i;

function isNonAuthorLink(link: Element): boolean {
  const rel = link.getAttribute('rel') ?? '';
  const href = link.getAttribute('href') ?? '';
  // `rel="author"` on a mail link: the author's address, its text the author's name.
  if (MAIL_HREF_PATTERN.test(href) && AUTHOR_REL_PATTERN.test(rel)) return false;
  return NON_AUTHOR_REL_PATTERN.test(rel) || NON_AUTHOR_HREF_PATTERN.test(href);
}
const MAIL_HREF_PATTERN = /^mailto:/i;
const AUTHOR_REL_PATTERN = /(?:^|\s)author(?:$|\s)/i;

/** A text node that is a photo credit: "© Jane Doe", "(c) Agency", "Copyright Jane Doe". */
const COPYRIGHT_TEXT_PATTERN = /^\s*(?:©|\(c\)\s|copyright\b)/iu;

/** Text with a space between the text nodes (bylines often glue "By" and the name in separate spans). */
function spacedText(element: Element, skipLink?: (link: Element) => boolean): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && parts.length < 50; node = walker.nextNode()) {
    const link = skipLink ? node.parentElement?.closest('a') : null;
    if (link && element.contains(link) && skipLink?.(link)) continue;
    // An avatar's photo credit ("© Jane Doe") inside an author link: the name follows it.
    if (COPYRIGHT_TEXT_PATTERN.test(node.textContent ?? '')) continue;
    parts.push(node.textContent ?? '');
  }
  return cleanText(parts.join(' '), 300) ?? '';
}

/** A short "By Jane Doe" or "Autor: Jane Doe" line near the top of the article. */
function textBylineAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const root = findArticleRoot(context.document);
  const headline = headlineElement(context.index, root);
  const walker = context.document.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  let blocks = 0;
  for (
    let node = walker.nextNode();
    node && blocks < DEFAULT_MAX_TEXT_BYLINE_BLOCKS;
    node = walker.nextNode()
  ) {
    const block = node as Element;
    if (!TEXT_BYLINE_TAGS.has(block.tagName)) continue;
    blocks++;
    if (block.childElementCount > DEFAULT_MAX_BYLINE_CHILDREN) continue;
    // A byline often shares its block with a dateline or place after a line break.
    const text = cleanText(firstLine(block), 200);
    if (!text || text.length > 100) continue;
    // A label alone on its line ("<b>Von:</b><br><br>Jane Doe"): the name is on the next line.
    if (LABEL_ALONE_PATTERN.test(text)) {
      if (isForeignByline(block, root, headline)) continue;
      const people = namesToPeople([lineAfterLabel(block)], context);
      if (people.length > 0) return people;
      continue;
    }
    const label =
      matchBeforeName(LABEL_BYLINE_PATTERN, text) ?? datedNameUnderHeadline(block, text, headline);
    if (!(label || matchBeforeName(TEXT_BYLINE_PATTERN, text) || hasBylineLead(text))) continue;
    if (isForeignByline(block, root, headline)) continue;
    const people = namesToPeople([label ? text.slice(label[0].length) : text], context);
    if (people.length > 0) return people;
  }
  return undefined;
}

/** Blocks read for a text byline, and how many of them (bylines sit near the top). */
const TEXT_BYLINE_TAGS = new Set(['P', 'DIV', 'SPAN', 'EM', 'STRONG', 'B']);
const DEFAULT_MAX_TEXT_BYLINE_BLOCKS = 200;

/** Most child elements of a block read as a text byline ("Von <b><a>A</a></b> und <b><a>B</a></b><br>..."). */
const DEFAULT_MAX_BYLINE_CHILDREN = 8;
/**
 * A byline's lead word: "By", "Written by", "Von". The name after it must start with a capital,
 * tested apart (matchBeforeName): under the `i` flag `\p{Lu}` matches lower case as well, and
 * "By viewing our video content, you accept …" is no byline.
 */
const TEXT_BYLINE_PATTERN =
  /^[\s\-–—]*(?:(?:written|posted|geschrieben|verfasst|écrit|escrito)\s+)?(?:by|von|par|por|door)\s+/iu;

/** A name's first letter: a capital, or a letter of a script without case (CJK). */
const NAME_START_PATTERN = /^[\p{Lu}\p{Lt}\p{Lo}]/u;

/** `pattern`'s match at the start of `text` when a name's first letter follows it. */
function matchBeforeName(pattern: RegExp, text: string): RegExpExecArray | null {
  const match = pattern.exec(text);
  return match && NAME_START_PATTERN.test(text.slice(match[0].length)) ? match : null;
}

/**
 * A labelled byline: "Autor: Jane Doe", "Auteur : Jane Doe", "Redaktion: Jane Doe", "(责编：…)",
 * maybe after a bracketed control of Chinese sites ("【纠错】 责任编辑：…").
 */
const LABEL_BYLINE_PATTERN =
  /^[\s|\-–—(（]*(?:【[^】]{1,10}】\s*)?(?:autor(?:in|en)?|auteur|author|autore|text|texte|redaktion|rédaction|redacción|redazione|责任编辑|责编|作者|记者)\s*[:：]\s*/iu;

/** A byline label with nothing after it: "Von:", "Autor:", "By:" (the name follows a line break). */
const LABEL_ALONE_PATTERN =
  /^[\s|\-–—]*(?:by|von|par|por|door|autor(?:in|en)?|auteur|author|autore|redaktion|rédaction|redacción|redazione|作者|记者)\s*[:：]\s*$/iu;

/** Inline labels ("<b>Von:</b>") whose name follows in the enclosing element, not inside them. */
const INLINE_LABEL_TAGS = new Set(['B', 'STRONG', 'SPAN', 'EM']);

/**
 * The first non-empty line after a label alone on its line. Steps: read in the label's own
 * block, or the enclosing element for an inline label; skip the label's line and empty lines;
 * stop at the line break (after an inline label, any element) that ends the next line of text.
 * Bounded like firstLine.
 */
function lineAfterLabel(block: Element): string {
  const scope = INLINE_LABEL_TAGS.has(block.tagName) ? (block.parentElement ?? block) : block;
  const walker = block.ownerDocument.createTreeWalker(scope, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  walker.currentNode = block;
  let text = '';
  let pastLabel = false;
  let visited = 0;
  for (
    let node = walker.nextNode();
    node && text.length < 300 && visited < DEFAULT_MAX_FIRST_LINE_NODES;
    node = walker.nextNode(), visited++
  ) {
    if (node.nodeType === 1) {
      const element = node as Element;
      // The label's line ends at its first line break, or where an inline label closes.
      if (element.tagName === 'BR' || !block.contains(element)) {
        if (text.trim()) break;
        pastLabel = true;
      }
      continue;
    }
    if (!pastLabel && block.contains(node)) continue;
    pastLabel = true;
    text += node.textContent ?? '';
  }
  return text;
}

/** A numeric date and a separator before a name: "11.12.2019 - Jane Doe", "2019-12-11 | Jane Doe". */
const DATE_BEFORE_NAME_PATTERN = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*[-–—|·•]\s*(?=\p{Lu})/u;

/**
 * "11.12.2019 - Jane Doe" in a block beside the headline: the date part, read as a label
 * before the name. Only beside the headline: teaser lists pair dates with titles too.
 */
function datedNameUnderHeadline(
  block: Element,
  text: string,
  headline: Element | undefined,
): RegExpExecArray | null {
  if (!headline || block.parentElement !== headline.parentElement) return null;
  const date = DATE_BEFORE_NAME_PATTERN.exec(text);
  return date && isSignatureName(text.slice(date[0].length)) ? date : null;
}

/** Most nodes read for a block's first line. */
const DEFAULT_MAX_FIRST_LINE_NODES = 60;

/** The text of a block up to its first line break. */
function firstLine(block: Element): string {
  let text = '';
  let visited = 0;
  const walker = block.ownerDocument.createTreeWalker(block, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  // Bounded: a wrapper div can hold thousands of empty elements before any text.
  for (
    let node = walker.nextNode();
    node && text.length < 300 && visited < DEFAULT_MAX_FIRST_LINE_NODES;
    node = walker.nextNode(), visited++
  ) {
    if (node.nodeType === 1) {
      if ((node as Element).tagName === 'BR') break;
      continue;
    }
    text += node.textContent ?? '';
  }
  return text;
}

/** Blocks read in the article root for a closing signature (hostile pages can hold millions). */
const DEFAULT_MAX_SIGNATURE_BLOCKS = 5_000;
const SIGNATURE_BLOCK_TAGS = ['p', 'div'];
/** Most child elements of a signature division, and most candidates checked from the end. */
const DEFAULT_MAX_SIGNATURE_CHILDREN = 3;
const DEFAULT_MAX_SIGNATURE_CANDIDATES = 10;
/** Paragraph text read before a signature can close the article (a caption block is no article). */
const DEFAULT_MIN_TEXT_BEFORE_SIGNATURE = 400;
/** A paragraph this long is body text: a signature comes after the last one. */
const DEFAULT_MIN_BODY_PARAGRAPH_LENGTH = 150;
/** Longest signature block, in characters (a name, maybe a role on a second line). */
const DEFAULT_MAX_SIGNATURE_LENGTH = 100;
/** Words of a signature name: two to four. */
const DEFAULT_MIN_SIGNATURE_WORDS = 2;
const DEFAULT_MAX_SIGNATURE_WORDS = 4;
const RIGHT_ALIGNED_STYLE_PATTERN = /text-align\s*:\s*right/i;
const SIGNATURE_CLASS_PATTERN = /autho?r|signat/i;
const SIGNATURE_WORD_PATTERN = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const EMPHASIS_TAGS = new Set(['B', 'STRONG', 'EM', 'I']);
/** Quotes and captions end with names too: their speakers and photographers, never the author. */
const NOT_SIGNATURE_ANCESTOR_TAGS = new Set(['BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'Q']);

/**
 * A signature closing the article: a short paragraph after the body text whose first line
 * is only a person's name (2-4 capitalised words), marked as one: right-aligned, wholly
 * bold or italic, classed "author", or signed like a letter with a second line after one
 * line break ("Name<br>Role") (unmarked name-shaped lines are too often headings:
 * "Klimaneutralität von Unternehmen"). Steps: 1. walk the article root's paragraphs
 * (bounded), counting body text; 2. keep marked name-shaped paragraphs after 400
 * characters of text; 3. a bold, classed or letter-signed one must follow the last long
 * paragraph (bold names before body text are interview speakers or subheadings);
 * right-aligned ones need not; a letter-signed one must have no paragraph with line breaks
 * beside it (a list of "Title<br>Name" credits); 4. the last one left, outside comments,
 * sidebars, quotes and captions, names the author.
 */
function signatureAuthors(context: ExtractionContext): PersonFact[] | undefined {
  const root = findArticleRoot(context.document);
  // Paragraphs and divisions from the context's element index: no walk of the whole root.
  const blocks = context.index.byTag(SIGNATURE_BLOCK_TAGS, root).slice(0, DEFAULT_MAX_SIGNATURE_BLOCKS);
  let textBefore = 0;
  let lastBodyParagraph = -1;
  let paragraphs = 0;
  const candidates: { block: Element; line: string; index: number; mark: SignatureMark }[] = [];
  // Marks first, from attributes alone: most pages have none, and then no text is read.
  const marks = blocks.map((block) =>
    block.tagName !== 'P' && block.childElementCount > DEFAULT_MAX_SIGNATURE_CHILDREN
      ? undefined
      : signatureMark(block),
  );
  if (!marks.some(Boolean)) return undefined;
  for (const [position, block] of blocks.entries()) {
    // A division counts only as a small marked box; its text is read in the final check alone
    // (wrappers nest: reading each one's whole text would cost the page's text many times).
    const isDivision = block.tagName !== 'P';
    const marked = marks[position];
    if (isDivision && !marked) continue;
    const length = isDivision ? 0 : (block.textContent?.length ?? 0);
    const mark =
      textBefore >= DEFAULT_MIN_TEXT_BEFORE_SIGNATURE && length <= DEFAULT_MAX_SIGNATURE_LENGTH * 2
        ? marked
        : undefined;
    const index = paragraphs++;
    if (length >= DEFAULT_MIN_BODY_PARAGRAPH_LENGTH) lastBodyParagraph = index;
    if (mark) {
      const line = cleanText(firstLine(block), DEFAULT_MAX_SIGNATURE_LENGTH) ?? '';
      if (isSignatureName(line)) candidates.push({ block, line, index, mark });
    }
    textBefore += length;
  }
  for (const { block, line, index, mark } of candidates
    .reverse()
    .slice(0, DEFAULT_MAX_SIGNATURE_CANDIDATES)) {
    if (mark !== 'right-aligned' && index < lastBodyParagraph) continue;
    // "Title<br>Name" paragraphs in a row are a list of credits, not a signature.
    if (
      mark === 'line-break' &&
      (hasLineBreakChild(block.previousElementSibling) || hasLineBreakChild(block.nextElementSibling))
    )
      continue;
    if ((cleanText(block.textContent ?? '', 300) ?? '').length > DEFAULT_MAX_SIGNATURE_LENGTH) continue;
    if (hasAncestorTag(block, root, NOT_SIGNATURE_ANCESTOR_TAGS) || isInForeignRegion(block, root)) continue;
    const people = namesToPeople([line], context);
    if (people.length === 1) return people;
  }
  return undefined;
}

/** Two to four capitalised words (name particles allowed between them): "Denis Clerc", "Ana de la Cruz". */
function isSignatureName(line: string): boolean {
  const words = line.split(' ');
  const capitalised = words.filter((word) => SIGNATURE_WORD_PATTERN.test(word)).length;
  return (
    capitalised >= DEFAULT_MIN_SIGNATURE_WORDS &&
    capitalised <= DEFAULT_MAX_SIGNATURE_WORDS &&
    words.every((word) => SIGNATURE_WORD_PATTERN.test(word) || NAME_PARTICLES.has(word))
  );
}

/**
 * What marks a block as a signature: right alignment, an author class, emphasis around all
 * of it, or a paragraph of two lines split by one line break.
 */
type SignatureMark = 'right-aligned' | 'class' | 'emphasis' | 'line-break';

function signatureMark(block: Element): SignatureMark | undefined {
  for (let element: Element | null = block, depth = 0; element && depth < 3; depth++) {
    if (
      element.getAttribute('align')?.toLowerCase() === 'right' ||
      RIGHT_ALIGNED_STYLE_PATTERN.test(element.getAttribute('style') ?? '')
    )
      return 'right-aligned';
    // Only an only child carries the block's alignment.
    element = element.childElementCount === 1 ? element.firstElementChild : null;
  }
  const classes = typeof block.className === 'string' ? block.className : '';
  if (SIGNATURE_CLASS_PATTERN.test(classes)) return 'class';
  const only = block.childElementCount === 1 ? block.firstElementChild : null;
  if (only && EMPHASIS_TAGS.has(only.tagName) && only.textContent?.trim() === block.textContent?.trim())
    return 'emphasis';
  // "Name<br>Role" in one paragraph: a name over its role or date, as letters are signed.
  if (block.tagName === 'P' && only?.tagName === 'BR' && only.nextSibling?.textContent?.trim())
    return 'line-break';
  return undefined;
}

function hasLineBreakChild(element: Element | null): boolean {
  for (let child = element?.firstElementChild ?? null; child !== null; child = child.nextElementSibling)
    if (child.tagName === 'BR') return true;
  return false;
}

function hasAncestorTag(element: Element, root: Element, tags: ReadonlySet<string>): boolean {
  for (let current = element.parentElement; current && current !== root; current = current.parentElement)
    if (tags.has(current.tagName)) return true;
  return false;
}

/**
 * How much a name source is trusted: `declared` (JSON-LD, microdata: the page names its
 * author, even an organisation or "staff reporter"), `meta` (role words dropped), `found`
 * (bylines found in markup or text: role words and the site name dropped too), `markup`
 * (as `found`, but the site name kept: the caller uses it only when no person is named).
 */
export type NameTrust = 'declared' | 'meta' | 'found' | 'markup';

/** People for raw name strings: "By" stripped, "A and B" / "A, B & C" split, non-names dropped. */
export function namesToPeople(
  raw: readonly string[],
  context: ExtractionContext,
  trust: NameTrust = 'found',
): PersonFact[] {
  const people = raw
    .flatMap((value) =>
      // "Jobs & Hire" is the site's name, not two people: kept whole so the caller knows it.
      isSiteName(value, context)
        ? [cleanText(value, DEFAULT_MAX_NAME_LENGTH) ?? '']
        : splitNames(value, context, trust),
    )
    .map((name) => ({ name }));
  return dedupe(people) ?? [];
}

/** Whether a raw name is exactly one of the site's names and would split into words ("Jobs & Hire"). */
function isSiteName(value: string, context: ExtractionContext): boolean {
  if (!NAME_SEPARATOR_PATTERN.test(value)) return false;
  const key = comparable(value).replace(/\s+/g, '');
  return key.length >= 4 && publisherNamesOf(context).sites.includes(key);
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
  // A credit line names photographers and agencies, never the article's authors.
  if (!text || (trust !== 'declared' && CREDIT_LINE_PATTERN.test(text))) return [];
  // Cut trailing metadata ("Jane Doe | Updated 3 May", "Jane Doe - 5 min read").
  // A rule of dashes may lead the line ("---- by Jane Doe").
  const cut = (text.split(/\s+[|•·]\s+|\s+[-–—]\s+(?=.*\d)|\n/)[0] ?? text)
    .replace(LEADING_DASHES_PATTERN, '')
    .replace(ABOUT_AUTHOR_LABEL_PATTERN, '')
    .replace(BY_PREFIX_PATTERN, '');
  const head = trust === 'declared' ? cut : bylineClause(cut);
  const siteNames = context && trust === 'found' ? siteNameKeys(context) : [];
  const names = head
    .split(NAME_SEPARATOR_PATTERN)
    .map((part) => part.replace(BY_PREFIX_PATTERN, '').replace(EDGE_PUNCTUATION_PATTERN, ''))
    .map((part) => part.replace(/\s*\([^)]*\)\s*$/, '').trim())
    // The close of a bracket opened before the label: "(责编：王明、李华)".
    .map((part) => (/[(（]/u.test(part) ? part : part.replace(/[)）]+$/u, '')))
    .map((part) => part.replace(FOLLOW_SUFFIX_PATTERN, '').trim())
    .filter((part) => isPlausibleName(part, trust) && !siteNames.includes(comparable(part)));
  // "Anna Beck, Frankfurt": in a found byline, one word beside full names is a place or desk.
  const placesDropped =
    (trust === 'found' || trust === 'markup') && names.some((name) => name.includes(' '))
      ? names.filter((name) => name.includes(' '))
      : names;
  return placesDropped.slice(0, DEFAULT_MAX_AUTHORS);
}

const LEADING_DASHES_PATTERN = /^[\s\-–—]+/u;
/** The heading of an author box: "About the author - Jane Doe", "Über die Autorin: Jane Doe". */
const ABOUT_AUTHOR_LABEL_PATTERN =
  /^(?:about\s+the\s+authors?|über\s+(?:den|die)\s+autor(?:in|en)?|à\s+propos\s+de\s+l['’]auteur(?:e|rice)?|sobre\s+(?:el|la)\s+autor(?:a)?)\s*[:\-–—|]\s*(?=\S)/iu;
const CREDIT_LINE_PATTERN =
  /^\s*(?:photo(?:graph)?s?|fotos?|fotografie|bild(?:er)?|images?|illustration|grafik|graphics?|video|credits?)\b/iu;
/** "View all posts by", "Alle Artikel von", "More from": lead-ins of author-page links. */
const AUTHOR_PAGE_LEAD_PATTERN =
  /^(?:(?:view|see|read)\s+)?(?:all|more|latest|alle|alles|mehr|weitere|tous\s+les|todos\s+los)?\s*(?:posts?|articles?|stories|beiträge|artikel|texte|news|articles|artículos)?\s*(?:by|from|von|de|par|por)\s+(?=\S)/iu;
/** A lead before "by" that makes it a byline: a verb of publishing. */
const BYLINE_LEAD_PATTERN =
  /^(?:.*\b(?:posted|written|published|created|submitted|filed|geschrieben|verfasst|veröffentlicht|erstellt|eingestellt|artikel|beitrag|gastbeitrag|bericht|kolumne|kommentar|essay|rezension|publié|écrit|publicado|escrito|article|story|column|chronique|columna)\b.*)$/iu;
const BY_WORD_PATTERN = /\s(?:by|von|par|por|door|przez)\s+(?=\S)/iu;
/** What follows a name in a byline sentence: "on 3 May", "am 3. Mai", "in Berlin", "under News". */
const BYLINE_TAIL_PATTERN =
  /\s+(?:(?:on|am|um|le|el|at|the)\s+(?=.*\d)|(?:under|in|im|filed\s+under|posted\s+in)\s+|@\s*).*$/isu;

/** "Posted on 3 May 2020 by Jane Doe", "Ein Artikel von Jane Doe": a by-word after a byline lead. */
function hasBylineLead(text: string): boolean {
  const by = BY_WORD_PATTERN.exec(text);
  if (by === null || by.index > 60) return false;
  const lead = text.slice(0, by.index);
  // A date alone leads a byline only when short ("3 May 2024 by"), not in a headline.
  return BYLINE_LEAD_PATTERN.test(lead) || (/\d/.test(lead) && lead.trim().split(/\s+/).length <= 5);
}

/**
 * The names part of a byline sentence: "Posted on 3 May 2020 by Jane Doe in News" and
 * "Alle Artikel von Jane Doe" -> "Jane Doe".
 */
function bylineClause(text: string): string {
  let clause = text.replace(AUTHOR_PAGE_LEAD_PATTERN, (lead) => (/\S\s+\S/.test(lead.trim()) ? '' : lead));
  const by = BY_WORD_PATTERN.exec(clause);
  if (by && hasBylineLead(clause)) clause = clause.slice(by.index + by[0].length);
  return clause.replace(BYLINE_TAIL_PATTERN, '');
}

/** Punctuation and arrows around a name ("| Jane Doe", "Jane Doe →"). */
const EDGE_PUNCTUATION_PATTERN = /^[\s:,|\-–—→←»«›‹]+|[\s:,|\-–—.→←»«›‹]+$/gu;
/** Words of links and labels that share a byline's box ("Gesponserte Inhalte", "Uncategorized", "E-Mail"). */
const BOX_LABEL_PATTERN =
  /(?:^|[^\p{L}])(?:sponsored|gesponsert\p{L}*|uncategori[sz]ed|unkategorisiert|e-mail|newsletter|werbung|advertisement|edited|translated|übersetzt\p{L}*|revised)(?![\p{L}])/iu;
/** Lower-case words that belong inside names ("Ursula von der Leyen", "Ana de la Cruz", "Ali bin Said"). */
const NAME_PARTICLES = new Set([
  'von',
  'van',
  'vom',
  'zu',
  'zur',
  'der',
  'den',
  'de',
  'des',
  'du',
  'da',
  'das',
  'dos',
  'do',
  'del',
  'della',
  'di',
  'la',
  'le',
  'y',
  'e',
  'ten',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'af',
  'av',
]);
const LOWER_CASE_START_PATTERN = /^\p{Ll}/u;
const ELIDED_PARTICLE_PATTERN = /^[dl]['’]/u;

/**
 * Whether found text has, after a capitalised word, a lower-case one that is no name particle:
 * a sentence or a control ("Hinterlasse einen Kommentar", "Fenster schließen"), not a name.
 * All-lower-case text ("jane doe", a handle) is left alone.
 */
function readsAsPhrase(name: string): boolean {
  const words = name.split(/\s+/);
  const firstCapital = words.findIndex((word) => startsWithCapital(word));
  if (firstCapital < 0) return false;
  // Only after a capitalised word: a lower-case brand may lead ("revamp-it Webteam").
  return words
    .slice(firstCapital + 1)
    .some(
      (word) =>
        LOWER_CASE_START_PATTERN.test(word) &&
        !NAME_PARTICLES.has(word.toLowerCase()) &&
        !ELIDED_PARTICLE_PATTERN.test(word),
    );
}

function isPlausibleName(name: string, trust: NameTrust): boolean {
  if (name.length < 2 || name.length > DEFAULT_MAX_NAME_LENGTH) return false;
  if (!/\p{L}/u.test(name) || NOT_A_NAME_PATTERN.test(name) || NOT_A_NAME_PATTERN_WEEKDAYS.test(name))
    return false;
  if (trust !== 'declared' && ROLE_WORDS_PATTERN.test(name)) return false;
  // Found text with digits is a reading time or date ("3 Min"), not a name.
  if ((trust === 'found' || trust === 'markup') && /\d/.test(name)) return false;
  if (URL_PATTERN.test(name) || name.includes('@') || CMS_ACCOUNT_PATTERN.test(name)) return false;
  // Found text with "!" or "?" is a slogan or a headline, not a name.
  if (trust !== 'declared' && /[!?]/.test(name)) return false;
  if (
    (trust === 'found' || trust === 'markup') &&
    (name.includes(':') || BOX_LABEL_PATTERN.test(name) || readsAsPhrase(name))
  )
    return false;
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
