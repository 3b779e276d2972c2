/** publisher: JSON-LD (the article's publisher, else an Organization / WebSite node), microdata, og:site_name, meta. */
import type { Fact, JsonLdNode, OrganizationFact } from '../types';
import { type ExtractionContext, nodeTypes } from './context';
import { articleProperty, deref, textValue, urlValue } from './json-ld-values';
import { microdataArticleValues, microdataItemProperty } from './microdata-values';
import { factOf, firstFact, type Rule } from './rule';
import { plainText } from './text';

const ORGANIZATION_TYPES = new Set(['organization', 'newsmediaorganization', 'corporation', 'localbusiness']);

export const PUBLISHER_RULES: readonly Rule<OrganizationFact>[] = [
  (context) =>
    factOf(organizationFrom(articleProperty(context, 'publisher', 'sourceOrganization'), context), 'json-ld'),
  (context) => {
    const node = context.jsonLdNodes.find((candidate) =>
      nodeTypes(candidate).some((type) => ORGANIZATION_TYPES.has(type)),
    );
    return factOf(organizationFrom(node, context), 'json-ld');
  },
  (context) => {
    const item = microdataArticleValues(context, 'publisher')[0];
    if (item === undefined) return null;
    if (typeof item === 'string') return factOf(organizationFrom(item, context), 'microdata');
    const name = plainText(microdataItemProperty(item, 'name'), 200);
    if (!name) return null;
    const logoValue = item.properties.get('logo')?.[0];
    const logo =
      typeof logoValue === 'string'
        ? logoValue
        : logoValue
          ? microdataItemProperty(logoValue, 'url')
          : undefined;
    return factOf(
      compact({
        name,
        url: context.resolveUrl(microdataItemProperty(item, 'url')),
        logo: context.resolveUrl(logo),
      }),
      'microdata',
    );
  },
  (context) => factOf(organizationFrom(context.meta.first('og:site_name'), context), 'opengraph'),
  (context) =>
    factOf(
      organizationFrom(
        context.meta.first('application-name', 'publisher', 'cxenseparse:recs:publisher'),
        context,
      ),
      'meta',
    ),
  (context) =>
    factOf(organizationFrom(context.meta.first('dc.publisher', 'dcterms.publisher'), context), 'dublin-core'),
  (context) => {
    const website = context.jsonLdNodes.find((candidate) => nodeTypes(candidate).includes('website'));
    return factOf(organizationFrom(website?.name, context), 'json-ld');
  },
];

export function extractPublisher(context: ExtractionContext): Fact<OrganizationFact> | undefined {
  return firstFact(PUBLISHER_RULES, context);
}

function organizationFrom(value: unknown, context: ExtractionContext): OrganizationFact | undefined {
  const resolved = deref(Array.isArray(value) ? value[0] : value, context);
  if (typeof resolved === 'string') {
    const name = plainText(resolved, 200);
    return name && !/^https?:/i.test(name) ? { name } : undefined;
  }
  if (!resolved || typeof resolved !== 'object') return undefined;
  const node = resolved as JsonLdNode;
  const name = plainText(textValue(node.name, context), 200);
  if (!name) return undefined;
  return compact({
    name,
    url: context.resolveUrl(typeof node.url === 'string' ? node.url : undefined),
    logo: context.resolveUrl(urlValue(node.logo, context)),
  });
}

function compact(organization: OrganizationFact): OrganizationFact {
  return Object.fromEntries(
    Object.entries(organization).filter(([, value]) => value !== undefined),
  ) as unknown as OrganizationFact;
}
