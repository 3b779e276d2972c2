/**
 * Checks an article graph against Google's Article structured-data guidance and reports
 * each problem with a stable code, a message that says what to do, and the JSON path of the
 * offending value. Errors make the markup wrong or misleading; warnings are recommended
 * properties that are missing or values Google may ignore.
 */
import { isArticleType, nodeTypes } from './rules/context';
import type { JsonLdDocument, JsonLdNode, ValidationIssue, ValidationReport } from './types';

export interface ValidateOptions {
  /** Clock for the "date in the future" check. @default new Date() */
  readonly now?: Date;
}

/** Google recommends concise headlines; longer ones may be truncated in results. */
export const DEFAULT_MAX_HEADLINE_LENGTH = 110;
/** Dates up to this far ahead are tolerated (clock skew, dates without an offset). */
export const DEFAULT_FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** ISO 8601 date or date-time as schema.org uses it: `2024-05-01`, `2024-05-01T09:30:00+02:00`. */
const ISO_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** Several people in one author name: "A and B", "A & B", "A; B", "A | B". */
const SEVERAL_NAMES_PATTERN = /\s(?:and|&|und|et|y)\s|[;|]|\s\/\s/i;
/** "Jane Doe, John Roe": a comma between two multi-word names ("Doe, Jane" is one name). */
const COMMA_LIST_PATTERN = /\S\s+\S+\s*,\s*\S+\s+\S/;
const IDENTIFIER_PATTERN = /^[A-Za-z_$][\w$]*$/;
const ALLOWED_AUTHOR_TYPES = new Set([
  'person',
  'organization',
  'newsmediaorganization',
  'corporation',
  'ngo',
]);

/**
 * Steps: 1. find the article node (exactly one expected); 2. headline; 3. authors;
 * 4. dates; 5. image; 6. publisher; 7. references that lead nowhere.
 */
export function validateArticle(doc: JsonLdDocument, options: ValidateOptions = {}): ValidationReport {
  const now = options.now ?? new Date();
  const issues: ValidationIssue[] = [];
  const error = (code: string, message: string, path: string) =>
    issues.push({ severity: 'error', code, message, path });
  const warning = (code: string, message: string, path: string) =>
    issues.push({ severity: 'warning', code, message, path });

  const graph = Array.isArray(doc?.['@graph']) ? doc['@graph'] : [];
  const byId = new Map<string, { node: JsonLdNode; path: string }>();
  graph.forEach((node, index) => {
    if (node && typeof node['@id'] === 'string') byId.set(node['@id'], { node, path: graphPath(index) });
  });
  const deref = (value: unknown, path: string): { value: unknown; path: string } => {
    if (isReference(value)) {
      const target = byId.get(value['@id']);
      if (target) return { value: target.node, path: target.path };
    }
    return { value, path };
  };

  // 1. The article.
  const articleIndexes = graph
    .map((node, index) => (node && nodeTypes(node).some(isArticleType) ? index : -1))
    .filter((index) => index >= 0);
  const articleIndex = articleIndexes[0];
  if (articleIndex === undefined) {
    error('ARTICLE_MISSING', 'The graph has no Article/NewsArticle node; add one.', '$["@graph"]');
    return report(issues);
  }
  for (const extra of articleIndexes.slice(1)) {
    warning(
      'ARTICLE_MULTIPLE',
      'The graph has more than one article node; keep one per page so search engines know which is the main one.',
      graphPath(extra),
    );
  }
  const article = graph[articleIndex] as JsonLdNode;
  const at = (key: string) => `${graphPath(articleIndex)}${pathKey(key)}`;

  // 2. Headline.
  const headline = typeof article.headline === 'string' ? article.headline.trim() : '';
  if (headline === '') {
    error(
      'HEADLINE_MISSING',
      'The article has no headline; set `headline` to the title of the article.',
      at('headline'),
    );
  } else if ([...headline].length > DEFAULT_MAX_HEADLINE_LENGTH) {
    warning(
      'HEADLINE_TOO_LONG',
      `The headline has ${[...headline].length} characters; Google recommends a concise headline (at most ${DEFAULT_MAX_HEADLINE_LENGTH}) and may truncate it.`,
      at('headline'),
    );
  }

  // 3. Authors.
  const authors = listOf(article.author);
  if (authors.length === 0) {
    warning(
      'AUTHOR_MISSING',
      'The article names no author; add a Person (or Organization) as `author`.',
      at('author'),
    );
  }
  authors.forEach((raw, index) => {
    const entryPath = Array.isArray(article.author) ? `${at('author')}[${index}]` : at('author');
    const { value, path } = deref(raw, entryPath);
    if (typeof value === 'string') {
      error(
        'AUTHOR_NOT_PERSON',
        `The author "${clip(value)}" is a plain string; make it a Person (or Organization) with a \`name\`.`,
        entryPath,
      );
      checkSeveralNames(value, entryPath);
      return;
    }
    if (value === null || typeof value !== 'object' || isReference(value)) {
      error(
        'AUTHOR_NOT_PERSON',
        'The author is not a Person or Organization node; reference or embed one.',
        entryPath,
      );
      return;
    }
    const node = value as JsonLdNode;
    if (!nodeTypes(node).some((type) => ALLOWED_AUTHOR_TYPES.has(type))) {
      error(
        'AUTHOR_NOT_PERSON',
        `The author has type ${JSON.stringify(node['@type'] ?? null)}; use Person (or Organization).`,
        path,
      );
    }
    const name = typeof node.name === 'string' ? node.name.trim() : '';
    if (name === '')
      error('AUTHOR_NAME_MISSING', 'The author has no `name`; give the author’s name.', `${path}.name`);
    // Organization names legitimately hold "&" ("Smith & Sons"); only people are checked.
    else if (nodeTypes(node).includes('person')) checkSeveralNames(name, `${path}.name`);
  });

  function checkSeveralNames(name: string, path: string): void {
    if (SEVERAL_NAMES_PATTERN.test(name) || COMMA_LIST_PATTERN.test(name)) {
      error(
        'AUTHOR_SEVERAL_NAMES',
        `The author name "${clip(name)}" holds several people; give each author their own entry.`,
        path,
      );
    }
  }

  // 4. Dates.
  const published = checkDate('datePublished', true);
  const modified = checkDate('dateModified', false);
  if (published !== undefined && modified !== undefined && modified < published) {
    error(
      'DATE_MODIFIED_BEFORE_PUBLISHED',
      '`dateModified` is earlier than `datePublished`; the page cannot change before it was published.',
      at('dateModified'),
    );
  }

  function checkDate(key: 'datePublished' | 'dateModified', recommended: boolean): number | undefined {
    const value = article[key];
    if (value === undefined) {
      if (recommended)
        warning('DATE_PUBLISHED_MISSING', 'The article has no `datePublished`; add it.', at(key));
      return undefined;
    }
    const parsed = typeof value === 'string' ? parseIsoDate(value.trim()) : undefined;
    if (parsed === undefined) {
      error(
        'DATE_INVALID',
        `\`${key}\` is ${clip(JSON.stringify(value))}, not an ISO 8601 date; write e.g. 2024-05-01T09:30:00+02:00.`,
        at(key),
      );
      return undefined;
    }
    if (!parsed.hasOffset) {
      warning(
        'DATE_WITHOUT_OFFSET',
        `\`${key}\` has no time zone offset; add the time and offset (e.g. +01:00) so it is not read in the wrong zone.`,
        at(key),
      );
    }
    if (parsed.time > now.getTime() + DEFAULT_FUTURE_TOLERANCE_MS) {
      error(
        'DATE_IN_FUTURE',
        `\`${key}\` (${clip(String(value))}) is in the future; check the date.`,
        at(key),
      );
    }
    return parsed.time;
  }

  // 5. Image.
  const images = listOf(article.image);
  if (images.length === 0) {
    warning(
      'IMAGE_MISSING',
      'The article has no image; Google recommends one or more images (e.g. 1200 px wide).',
      at('image'),
    );
  }
  images.forEach((raw, index) => {
    const entryPath = Array.isArray(article.image) ? `${at('image')}[${index}]` : at('image');
    const { value, path } = deref(raw, entryPath);
    const node = value !== null && typeof value === 'object' ? (value as JsonLdNode) : undefined;
    const url = typeof value === 'string' ? value : (node?.url ?? node?.contentUrl);
    const urlPath =
      typeof value === 'string' ? path : `${path}${node?.url !== undefined ? '.url' : '.contentUrl'}`;
    if (typeof url !== 'string' || url.trim() === '') {
      error('IMAGE_URL_MISSING', 'The image has no URL; give `url` (an absolute http(s) URL).', urlPath);
    } else if (!isAbsoluteHttpUrl(url)) {
      error(
        'IMAGE_URL_RELATIVE',
        `The image URL "${clip(url)}" is not an absolute http(s) URL; crawlers need the full URL.`,
        urlPath,
      );
    }
  });

  // 6. Publisher.
  if (article.publisher === undefined) {
    warning(
      'PUBLISHER_MISSING',
      'The article names no publisher; add the publishing Organization (set a site-wide publisher if pages lack one).',
      at('publisher'),
    );
  } else {
    const { value, path } = deref(article.publisher, at('publisher'));
    const node = value !== null && typeof value === 'object' ? (value as JsonLdNode) : undefined;
    if (node === undefined || isReference(node) || typeof node.name !== 'string' || node.name.trim() === '') {
      warning('PUBLISHER_NAME_MISSING', 'The publisher has no `name`; give the organization’s name.', path);
    }
  }

  // 7. References.
  graph.forEach((node, index) => {
    walkReferences(node, graphPath(index), 0, (id, path) => {
      if (!byId.has(id) && !definedInline(graph, id)) {
        warning('REFERENCE_DANGLING', `The reference to "${clip(id)}" matches no node in the graph.`, path);
      }
    });
  });

  return report(issues);
}

/** Formats one issue for people: `error   CODE  path  message`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.severity.padEnd(7)} ${issue.code}  ${issue.path}  ${issue.message}`;
}

function report(issues: ValidationIssue[]): ValidationReport {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  return { valid: errors.length === 0, errors, warnings };
}

interface ParsedDate {
  readonly time: number;
  readonly hasOffset: boolean;
}

function parseIsoDate(value: string): ParsedDate | undefined {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  const numbers = [year, month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = numbers;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || '0');
    if (hours > 14 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const time = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMinutes * 60_000;
  return { time, hasOffset: zone !== undefined };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isReference(value: unknown): value is { '@id': string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as JsonLdNode)['@id'] === 'string' &&
    Object.keys(value as JsonLdNode).length === 1
  );
}

function walkReferences(
  value: unknown,
  path: string,
  depth: number,
  visit: (id: string, path: string) => void,
): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walkReferences(item, `${path}[${index}]`, depth + 1, visit);
    });
    return;
  }
  if (depth > 0 && isReference(value)) {
    visit(value['@id'], path);
    return;
  }
  for (const [key, item] of Object.entries(value))
    walkReferences(item, `${path}${pathKey(key)}`, depth + 1, visit);
}

/** Whether a node embedded somewhere in the graph defines `id`. */
function definedInline(graph: readonly JsonLdNode[], id: string): boolean {
  let found = false;
  const visit = (value: unknown, depth: number): void => {
    if (found || depth > 32 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as JsonLdNode;
    if (node['@id'] === id && Object.keys(node).length > 1) {
      found = true;
      return;
    }
    for (const item of Object.values(node)) visit(item, depth + 1);
  };
  visit(graph, 0);
  return found;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function graphPath(index: number): string {
  return `$["@graph"][${index}]`;
}

function pathKey(key: string): string {
  return IDENTIFIER_PATTERN.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
