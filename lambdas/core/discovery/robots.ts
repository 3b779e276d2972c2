/**
 * A permissive robots.txt that points crawlers at the sitemaps. Crawlers read robots.txt
 * only at the host root, so it helps only when the site URL is the host root.
 */
import { NEWS_SITEMAP_KEY } from './news-sitemap';
import { SITEMAP_KEY } from './sitemap';

export const ROBOTS_KEY = 'robots.txt';

export function buildRobotsTxt(siteRoot: URL): string {
  return [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${new URL(SITEMAP_KEY, siteRoot).href}`,
    `Sitemap: ${new URL(NEWS_SITEMAP_KEY, siteRoot).href}`,
    '',
  ].join('\n');
}
