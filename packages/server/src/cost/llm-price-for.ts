import type { LlmPrice, PriceTable } from './price-table.js';

/** What may follow a listed name in a variant's name: `gpt-4o` prices `gpt-4o-2024-08-06` but not
 * `gpt-4o1`, and `gpt-4` does not price `gpt-4.1`. */
const SNAPSHOT_SEPARATOR = /^[-:@/]$/;

/**
 * The price of a model (`gen_ai.request.model`): the exact key; else the same key in any case; else
 * the longest key the name starts with, followed by a separator (a dated snapshot such as
 * `gpt-4o-2024-08-06` is priced as `gpt-4o`, `gpt-4o-mini-…` as `gpt-4o-mini` when that is
 * listed); else `default`; else null, and the tokens are not priced.
 */
export function llmPriceFor(prices: PriceTable, model: string): LlmPrice | null {
  const table: Record<string, unknown> = prices.llm ?? {};
  // Own, object-valued entries only: the table may come from a hand-edited prices file.
  const own = (key: string): LlmPrice | undefined => {
    const entry = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    return typeof entry === 'object' && entry !== null ? (entry as LlmPrice) : undefined;
  };
  if (model !== '') {
    const exact = own(model);
    if (exact) return exact;
    const lower = model.toLowerCase();
    let best: string | null = null;
    for (const key of Object.keys(table)) {
      const k = key.toLowerCase();
      const caseless = k === lower ? own(key) : undefined;
      if (caseless) return caseless;
      if (k === '' || key === 'default' || !lower.startsWith(k) || !SNAPSHOT_SEPARATOR.test(lower.charAt(k.length))) continue;
      if (best === null || key.length > best.length) best = key;
    }
    const longest = best === null ? undefined : own(best);
    if (longest) return longest;
  }
  return own('default') ?? null;
}
