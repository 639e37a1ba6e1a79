import type { Store } from '../store/store.js';
import { PlaneError } from '../errors/plane-error.js';
import type { PriceBookVersion } from './price-book.js';
import type { PriceBooks } from './price-books.js';
import { parsePriceEntries } from './parse-price-entries.js';
import { priceUsage } from './price-usage.js';

export interface NewPriceBookVersion {
  tenantId: string;
  effectiveFromUs: number;
  /** Untrusted: validated here. */
  entries: unknown;
  note: string;
}

/**
 * Adds versions of a tenant's price book. A version applies to calls starting from its effective
 * date until the next version's; the calls already stored in that window are re-priced with it in
 * the same transaction, so history always shows the price that applied to each call, including
 * after a correction dated in the past. Versions dated in the future apply when their time comes.
 */
export class PriceBookAdmin {
  constructor(
    private readonly store: Store,
    private readonly books: PriceBooks,
    private readonly nowUs: () => number,
    /** Told of every version added, after the books have it (the ingest worker keeps a copy). */
    private readonly onAdded: (version: PriceBookVersion) => void = () => {},
  ) {}

  async addVersion(input: NewPriceBookVersion): Promise<{ version: PriceBookVersion; repricedCalls: number }> {
    if (!(await this.store.getTenant(input.tenantId))) throw PlaneError.notFound(`no tenant "${input.tenantId}"`);
    const version: PriceBookVersion = {
      tenantId: input.tenantId,
      effectiveFromUs: input.effectiveFromUs,
      entries: parsePriceEntries(input.entries),
      note: input.note,
      createdAtUs: this.nowUs(),
    };
    const layers = [version.entries, ...this.books.baseLayers()];
    const window = this.books.windowOf(version.tenantId, version.effectiveFromUs);
    // Saved (and stored calls re-priced) before the in-memory books change, so a failed write
    // leaves both as they were. A call built in between is priced at the previous version.
    const repricedCalls = await this.store.savePriceBookVersion(version, window, (usage, direction) => priceUsage(usage, layers, direction));
    this.books.put(version);
    this.onAdded(version);
    return { version, repricedCalls };
  }
}
