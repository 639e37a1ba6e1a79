import type { PriceBookVersion, PriceEntry, PriceLayers } from './price-book.js';

/**
 * Every tenant's price book versions in memory (they are few and small), so that building a
 * session, which is synchronous, can price it at the version in effect when the call started.
 * The store keeps them durable; this is the read side, refreshed when a version is added.
 */
export class PriceBooks {
  private readonly byTenant = new Map<string, PriceBookVersion[]>();

  /** `base`: the layers under every tenant's own (the plane's file, then the shipped defaults). */
  constructor(
    private readonly base: PriceLayers,
    versions: readonly PriceBookVersion[] = [],
  ) {
    for (const version of versions) this.put(version);
  }

  /** The layers that price a call of `tenantId` starting at `atUs`. */
  layersAt(tenantId: string, atUs: number): PriceLayers {
    const version = this.versionAt(tenantId, atUs);
    return version ? [version.entries, ...this.base] : this.base;
  }

  versionAt(tenantId: string, atUs: number): PriceBookVersion | null {
    const versions = this.byTenant.get(tenantId) ?? [];
    let found: PriceBookVersion | null = null;
    for (const version of versions) {
      if (version.effectiveFromUs > atUs) break;
      found = version;
    }
    return found;
  }

  versionsOf(tenantId: string): readonly PriceBookVersion[] {
    return this.byTenant.get(tenantId) ?? [];
  }

  /** The plane-wide layers, first wins. */
  baseLayers(): PriceLayers {
    return this.base;
  }

  /** The call starts a version dated `effectiveFromUs` prices: until the tenant's next version, or for ever. */
  windowOf(tenantId: string, effectiveFromUs: number): { fromUs: number; toUs: number } {
    const next = this.versionsOf(tenantId).find((v) => v.effectiveFromUs > effectiveFromUs);
    return { fromUs: effectiveFromUs, toUs: next ? next.effectiveFromUs : Number.MAX_SAFE_INTEGER };
  }

  /** Adds a version; one with the same effective date is replaced (a correction). */
  put(version: PriceBookVersion): void {
    const versions = this.versionsOf(version.tenantId).filter((v) => v.effectiveFromUs !== version.effectiveFromUs);
    versions.push({ ...version, entries: [...version.entries] as PriceEntry[] });
    versions.sort((a, b) => a.effectiveFromUs - b.effectiveFromUs);
    this.byTenant.set(version.tenantId, versions);
  }
}
