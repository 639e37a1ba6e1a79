/*
 * A KPI a tenant defines for itself, declaratively: an aggregate over one source of records in
 * the KPI window, with filters on their fields (docs/custom-kpis.md). Definitions are data, never
 * SQL: they are validated against a closed catalogue of fields (kpi-fields.ts) and compiled to
 * parameterised SQL by the store, so no text a tenant writes reaches the database as code.
 */

export const KPI_SOURCES = ['calls', 'connector_calls', 'business_events'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

export const KPI_AGGREGATES = ['count', 'sum', 'average', 'percentile'] as const;
export type KpiAggregate = (typeof KPI_AGGREGATES)[number];

export const FILTER_OPS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterValue = string | number | boolean;

export interface KpiFilter {
  /** A field of the source (kpi-fields.ts) or `attributes.<key>` (calls: the root span's attributes). */
  field: string;
  op: FilterOp;
  /** A single value; a non-empty array for `in`. */
  value: FilterValue | FilterValue[];
}

/** One aggregate over one source: the whole KPI, or one side of a ratio. */
export interface KpiMeasure {
  source: KpiSource;
  aggregate: KpiAggregate;
  /** The numeric field aggregated; absent for `count`. */
  field?: string;
  /** 0 < p < 1, for `percentile`. */
  percentile?: number;
  filters: KpiFilter[];
}

export interface CustomKpiDefinition {
  /** Lower-case identifier, unique per tenant: `cost_per_booking`. */
  id: string;
  name: string;
  description: string;
  /** How to read the value: `count`, `ratio` (0..1), `usd`, `ms`, `seconds`, `number`. */
  unit: string;
  /** A single measure, or `numerator / denominator` (null when the denominator is 0). */
  measure?: KpiMeasure;
  numerator?: KpiMeasure;
  denominator?: KpiMeasure;
}

export interface StoredCustomKpi {
  tenantId: string;
  definition: CustomKpiDefinition;
  createdAtUs: number;
  updatedAtUs: number;
}

export const KPI_UNITS = ['count', 'ratio', 'usd', 'ms', 'seconds', 'number'] as const;
