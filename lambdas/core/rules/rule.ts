/**
 * A field's extraction is an ordered list of small rules, most trusted source first
 * (metascraper's habit). A rule returns a fact, or null when its source says nothing;
 * a rule that throws on hostile markup is treated as null and never breaks extraction.
 */
import type { Fact, FactSource } from '../types';
import type { ExtractionContext } from './context';

export type Rule<T> = (context: ExtractionContext) => Fact<T> | null | undefined;

/** The first fact any rule yields, in order; undefined when none does. */
export function firstFact<T>(rules: readonly Rule<T>[], context: ExtractionContext): Fact<T> | undefined {
  for (const rule of rules) {
    const fact = safely(rule, context);
    if (fact) return fact;
  }
  return undefined;
}

/** Every fact the rules yield, in order (for rules that need to compare candidates). */
export function allFacts<T>(rules: readonly Rule<T>[], context: ExtractionContext): Fact<T>[] {
  const facts: Fact<T>[] = [];
  for (const rule of rules) {
    const fact = safely(rule, context);
    if (fact) facts.push(fact);
  }
  return facts;
}

function safely<T>(rule: Rule<T>, context: ExtractionContext): Fact<T> | null | undefined {
  try {
    return rule(context);
  } catch {
    return null;
  }
}

/** A fact when `value` is present (non-empty string / array), else null. */
export function factOf<T>(value: T | null | undefined, source: FactSource): Fact<T> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return { value, source };
}
