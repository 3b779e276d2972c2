/** Reading values out of the page's microdata article item. */
import type { ExtractionContext, MicrodataItem, MicrodataValue } from './context';

/** Values of a property on the outermost microdata article item. */
export function microdataArticleValues(
  context: ExtractionContext,
  property: string,
): readonly MicrodataValue[] {
  for (const item of context.microdataArticles) {
    const values = item.properties.get(property);
    if (values && values.length > 0) return values;
  }
  return [];
}

/** Text of a microdata value: the string, or a nested item's `name`. */
export function microdataText(value: MicrodataValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const name = value.properties.get('name')?.[0];
  if (typeof name === 'string') return name;
  return undefined;
}

export function microdataItemProperty(item: MicrodataItem, property: string): string | undefined {
  const value = item.properties.get(property)?.[0];
  return typeof value === 'string' ? value : value ? microdataText(value) : undefined;
}
