/**
 * Checks the publishing pipeline's props and fills in their defaults, before any resource is
 * created. Every error names the prop, shows the value and says what to pass instead.
 */
import { type Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { DEFAULT_ACCEPTED_SUFFIXES, DEFAULT_MAX_OBJECT_BYTES, PREFIXES } from '../lambdas/contract';
import {
  DEFAULT_INGEST_BATCH_SIZE,
  DEFAULT_INGEST_TIMEOUT,
  DEFAULT_PAGE_TIME_BUDGET,
  DEFAULT_REMOVAL_POLICY,
  INGEST_BATCH_HEADROOM,
  MAX_OBJECT_BYTES_LIMIT,
  maxPageTimeBudget,
} from './defaults';

/** The plain-value settings of `PublishingPipelineProps` that this module checks. */
export interface PipelineSettings {
  readonly siteUrl?: string;
  readonly publisherName?: string;
  readonly publisherLogoUrl?: string;
  readonly sourcePrefix?: string;
  readonly acceptedSuffixes?: readonly string[];
  readonly maxObjectBytes?: number;
  readonly pageTimeBudget?: Duration;
  readonly removalPolicy?: RemovalPolicy;
  readonly createDistribution?: boolean;
  readonly alarmEmail?: string;
  readonly domainName?: string;
  /** Only its presence is checked here. */
  readonly certificate?: object;
}

/** The same settings with every default applied. */
export interface ResolvedPipelineSettings {
  /** Undefined only when a distribution is created: its URL is used then. */
  readonly siteUrl: string | undefined;
  readonly publisherName: string | undefined;
  readonly publisherLogoUrl: string | undefined;
  readonly sourcePrefix: string;
  readonly acceptedSuffixes: readonly string[];
  readonly maxObjectBytes: number;
  readonly pageTimeBudget: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly createDistribution: boolean;
  readonly alarmEmail: string | undefined;
  readonly domainName: string | undefined;
}

/** Publisher names end up in every page's JSON-LD and in the Google News sitemap. */
export const MAX_PUBLISHER_NAME_LENGTH = 200;

// Compiled once. A suffix is a dot and up to 16 letters, digits, dots, dashes or underscores.
const SUFFIX = /^\.[A-Za-z0-9._-]{1,16}$/;
// Wildcards do not work in S3 notification filters; a backslash is almost always a Windows path.
const PREFIX_FORBIDDEN = /[*?\\]/;
const FIRST_PRINTABLE_CHAR_CODE = 0x20;
// A DNS name: labels of letters, digits and dashes, at least two of them.
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export class PipelinePropsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelinePropsError';
  }
}

/**
 * Steps:
 *   1. apply the defaults (contract.ts values, the page time budget, RETAIN, a distribution);
 *   2. check each setting, skipping CDK tokens (only known at deploy time);
 *   3. require `siteUrl` when no distribution provides the public URL.
 */
export function resolvePipelineSettings(props: PipelineSettings = {}): ResolvedPipelineSettings {
  const settings: ResolvedPipelineSettings = {
    siteUrl: props.siteUrl,
    publisherName: props.publisherName,
    publisherLogoUrl: props.publisherLogoUrl,
    sourcePrefix: props.sourcePrefix ?? PREFIXES.DEFAULT_SOURCE,
    acceptedSuffixes: props.acceptedSuffixes ?? DEFAULT_ACCEPTED_SUFFIXES,
    maxObjectBytes: props.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    pageTimeBudget: props.pageTimeBudget ?? DEFAULT_PAGE_TIME_BUDGET,
    removalPolicy: props.removalPolicy ?? DEFAULT_REMOVAL_POLICY,
    createDistribution: props.createDistribution ?? true,
    alarmEmail: props.alarmEmail,
    domainName: props.domainName,
  };

  checkSourcePrefix(settings.sourcePrefix);
  checkAcceptedSuffixes(settings.acceptedSuffixes);
  checkMaxObjectBytes(settings.maxObjectBytes);
  checkPageTimeBudget(settings.pageTimeBudget);
  if (settings.siteUrl !== undefined) checkSiteUrl(settings.siteUrl);
  if (settings.publisherName !== undefined) checkPublisherName(settings.publisherName);
  if (settings.publisherLogoUrl !== undefined) checkHttpsUrl('publisherLogoUrl', settings.publisherLogoUrl);
  if (settings.alarmEmail !== undefined) checkEmail(settings.alarmEmail);
  if (settings.removalPolicy !== RemovalPolicy.RETAIN && settings.removalPolicy !== RemovalPolicy.DESTROY) {
    throw new PipelinePropsError(
      `removalPolicy must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY: got '${settings.removalPolicy}'; ` +
        'snapshots are not supported by S3 buckets.',
    );
  }

  checkCustomDomain(settings, props.certificate !== undefined);
  if (!settings.createDistribution && settings.siteUrl === undefined) {
    throw new PipelinePropsError(
      'siteUrl is required when createDistribution is false: pages need their public address for canonical ' +
        "links and JSON-LD; pass siteUrl (e.g. 'https://news.example.com/') or keep createDistribution.",
    );
  }
  return settings;
}

function checkSourcePrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (prefix === '') {
    throw new PipelinePropsError(
      `sourcePrefix must not be empty: publishers drop files under a folder of the source bucket; ` +
        `use e.g. '${PREFIXES.DEFAULT_SOURCE}'.`,
    );
  }
  if (prefix.startsWith('/')) {
    throw new PipelinePropsError(
      `sourcePrefix must not start with '/': got '${prefix}'; S3 keys have no leading slash, use '${prefix.replace(/^\/+/, '')}'.`,
    );
  }
  if (!prefix.endsWith('/')) {
    throw new PipelinePropsError(`sourcePrefix must end with '/': got '${prefix}'; use '${prefix}/'.`);
  }
  const hasControlCharacter = [...prefix].some((char) => char.charCodeAt(0) < FIRST_PRINTABLE_CHAR_CODE);
  if (PREFIX_FORBIDDEN.test(prefix) || hasControlCharacter) {
    throw new PipelinePropsError(
      `sourcePrefix must be a literal key prefix without wildcards or control characters: got ${JSON.stringify(prefix)}.`,
    );
  }
}

function checkAcceptedSuffixes(suffixes: readonly string[]): void {
  if (suffixes.length === 0) {
    throw new PipelinePropsError(
      `acceptedSuffixes must list at least one suffix; omit it to accept ${DEFAULT_ACCEPTED_SUFFIXES.join(', ')}.`,
    );
  }
  for (const suffix of suffixes) {
    if (Token.isUnresolved(suffix)) continue;
    if (!suffix.startsWith('.') && SUFFIX.test(`.${suffix}`)) {
      throw new PipelinePropsError(
        `acceptedSuffixes entries must start with '.': got '${suffix}'; use '.${suffix}'.`,
      );
    }
    if (!SUFFIX.test(suffix)) {
      throw new PipelinePropsError(
        `acceptedSuffixes entries must be a dot and 1 to 16 letters, digits, '.', '-' or '_': got ${JSON.stringify(suffix)}.`,
      );
    }
  }
}

function checkMaxObjectBytes(bytes: number): void {
  if (Token.isUnresolved(bytes)) return;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new PipelinePropsError(`maxObjectBytes must be a positive whole number of bytes: got ${bytes}.`);
  }
  if (bytes > MAX_OBJECT_BYTES_LIMIT) {
    throw new PipelinePropsError(
      `maxObjectBytes must be at most ${MAX_OBJECT_BYTES_LIMIT} (50 MiB): got ${bytes}; jsdom needs about 20 times ` +
        'the page size in memory, so split larger files.',
    );
  }
}

/** Positive, whole milliseconds, and short enough for a whole batch to fit the ingest timeout. */
function checkPageTimeBudget(budget: Duration): void {
  if (budget.isUnresolved()) return;
  const given = budget.toHumanString();
  let ms: number;
  try {
    ms = budget.toMilliseconds();
  } catch {
    throw new PipelinePropsError(
      `pageTimeBudget must be a whole number of milliseconds: got ${given}; use e.g. Duration.millis(${Math.round(budget.toMilliseconds({ integral: false }))}).`,
    );
  }
  if (ms <= 0) {
    throw new PipelinePropsError(
      `pageTimeBudget must be positive: got ${given}; omit it for the default (${DEFAULT_PAGE_TIME_BUDGET.toHumanString()}) or pass e.g. Duration.seconds(5).`,
    );
  }
  const longest = maxPageTimeBudget();
  if (ms > longest.toMilliseconds()) {
    throw new PipelinePropsError(
      `pageTimeBudget must let a whole batch finish within the ingest function's timeout: got ${given}, but ` +
        `${DEFAULT_INGEST_BATCH_SIZE} pages at that budget plus ${INGEST_BATCH_HEADROOM.toHumanString()} for reads, ` +
        `writes and worker restarts exceed ${DEFAULT_INGEST_TIMEOUT.toHumanString()} (the batch would time out and be ` +
        `retried); use at most Duration.millis(${longest.toMilliseconds()}).`,
    );
  }
}

function checkSiteUrl(value: string): void {
  if (Token.isUnresolved(value)) return;
  const url = checkHttpsUrl('siteUrl', value);
  if (url.search !== '' || url.hash !== '') {
    throw new PipelinePropsError(
      `siteUrl must not have a query or fragment: got '${value}'; use '${url.origin}${url.pathname}'.`,
    );
  }
  if (!value.endsWith('/')) {
    // Page URLs are siteUrl + key: without the slash 'https://x.com' + 'articles/a.html' breaks.
    throw new PipelinePropsError(`siteUrl must end with '/': got '${value}'; use '${value}/'.`);
  }
}

function checkHttpsUrl(name: string, value: string): URL {
  if (Token.isUnresolved(value)) return new URL('https://unresolved.invalid/');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PipelinePropsError(
      `${name} must be an absolute https:// URL: got '${value}'; use e.g. 'https://news.example.com/'.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new PipelinePropsError(
      `${name} must use https: got '${value}'; search engines and browsers expect https, use '${value.replace(/^[a-z]+:/i, 'https:')}'.`,
    );
  }
  return url;
}

function checkPublisherName(name: string): void {
  if (Token.isUnresolved(name)) return;
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new PipelinePropsError(
      'publisherName must not be blank; omit it to use the publisher each page names (or the site host).',
    );
  }
  if (trimmed.length > MAX_PUBLISHER_NAME_LENGTH) {
    throw new PipelinePropsError(
      `publisherName must be at most ${MAX_PUBLISHER_NAME_LENGTH} characters: got ${trimmed.length}.`,
    );
  }
}

function checkCustomDomain(settings: ResolvedPipelineSettings, hasCertificate: boolean): void {
  const { domainName } = settings;
  if (domainName === undefined) {
    if (hasCertificate) {
      throw new PipelinePropsError(
        "certificate needs domainName: pass the name it covers, e.g. domainName: 'news.example.com'.",
      );
    }
    return;
  }
  if (!settings.createDistribution) {
    throw new PipelinePropsError(
      'domainName applies to the distribution, but createDistribution is false; remove domainName and set siteUrl.',
    );
  }
  if (!hasCertificate) {
    throw new PipelinePropsError(
      `domainName '${domainName}' needs a certificate: pass an ACM certificate from us-east-1 that covers it.`,
    );
  }
  if (Token.isUnresolved(domainName)) return;
  if (!DOMAIN_NAME.test(domainName)) {
    const host = /^[a-z]+:\/\/([^/]+)/i.exec(domainName)?.[1];
    throw new PipelinePropsError(
      `domainName must be a bare host name: got '${domainName}'` +
        (host ? `; use '${host}'.` : ", e.g. 'news.example.com'."),
    );
  }
}

function checkEmail(email: string): void {
  if (Token.isUnresolved(email)) return;
  if (!EMAIL.test(email)) {
    throw new PipelinePropsError(
      `alarmEmail must be an email address: got '${email}'; use e.g. 'ops@example.com'.`,
    );
  }
}
