/**
 * How rules compare sites and pages by URL. One definition, so that "the same site" means
 * the same thing to every rule:
 *  - a site is its lower-cased host name without a leading `www.` and without the port
 *    (`https://WWW.Example.com:8443/a` is the site `example.com`: the port picks a server,
 *    not a publisher);
 *  - a page is its site plus its path, without query, fragment or trailing slashes, lower-cased
 *    (the names a page gives itself in canonical links, JSON-LD and og:url differ in these).
 */

const LEADING_WWW_PATTERN = /^www\./;
const TRAILING_SLASHES_PATTERN = /\/+$/;

/** The site of an absolute (or `base`-relative) URL; undefined when it cannot be parsed. */
export function siteHost(url: string | undefined, base?: string): string | undefined {
  const parsed = parseUrl(url, base);
  return parsed === undefined ? undefined : hostOf(parsed);
}

/** The page a URL names, for comparing two URLs of the same page; undefined when it cannot be parsed. */
export function comparablePageUrl(url: string | undefined, base?: string): string | undefined {
  const parsed = parseUrl(url, base);
  if (parsed === undefined) return undefined;
  return `${hostOf(parsed)}${parsed.pathname.replace(TRAILING_SLASHES_PATTERN, '')}`.toLowerCase();
}

function hostOf(url: URL): string {
  // URL lower-cases host names already; `hostname` leaves the port out.
  return url.hostname.replace(LEADING_WWW_PATTERN, '');
}

function parseUrl(url: string | undefined, base?: string): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
