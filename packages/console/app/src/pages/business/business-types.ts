/** The shapes of the business-layer answers the Business page reads (docs/api.md). */

export interface PriceEntry {
  component: string;
  source?: string;
  asOf?: string;
  [field: string]: unknown;
}

export interface PriceBookVersion {
  effectiveFrom: string;
  note: string;
  createdAt: string;
  entries: PriceEntry[];
}

export interface PriceBook {
  tenant: string;
  at: string;
  inEffect: PriceBookVersion | null;
  versions: PriceBookVersion[];
  planeEntries: PriceEntry[];
  defaultEntries: PriceEntry[];
}

export interface CustomKpi {
  id: string;
  name: string;
  description: string;
  unit: string;
  value: number | null;
  measure?: unknown;
  numerator?: unknown;
  denominator?: unknown;
}
