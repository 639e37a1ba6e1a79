import type { KpiSummary } from '../../kpis/kpi-types.js';
import { histogramQuantiles } from './duration-histogram.js';
import { KPI_MEASURES, kpiSummaryOf } from './kpi-aggregates.js';
import type { PeriodParts } from './kpi-period-cache.js';
import { num, type Row } from './row-values.js';

/**
 * Everything a summary or a series is made of, per bucket start (0 for a summary), gathered from
 * the rows of every part of a window (hourly rollups, minute rollups, raw sessions at the edges).
 * A bucket's rows are summed here rather than by an outer GROUP BY: DuckDB plans a statement that
 * scans a table again on every execution, and a merge's twenty sums were a good part of that.
 */
/** Histogram buckets of calls up to about six hours (duration-histogram.ts); longer ones grow the array. */
const DURATION_BUCKETS = 400;

export class KpiParts {
  /** Per bucket, the measures in KPI_MEASURES' order: sums of numbers, so merging hundreds of hours stays cheap. */
  private readonly measures = new Map<number, Float64Array>();
  /** Per bucket, handled calls per histogram bucket, dense (index = histogram bucket; about 64 are used an hour). */
  private readonly durations = new Map<number, Float64Array>();
  private readonly workItems = new Map<number, Record<string, number>>();
  private readonly surveys = new Map<number, Row>();

  /** A row of the measures (kpi-aggregates.ts' names) for bucket `b`. */
  addMeasures(b: number, row: Row): void {
    this.addMeasureValues(b, measureValues(row));
  }

  /** Measures already in KPI_MEASURES' order (measureValues) for bucket `b`. */
  addMeasureValues(b: number, values: Float64Array): void {
    const sums = this.measuresOf(b);
    for (let i = 0; i < values.length; i++) sums[i] += values[i];
  }

  addDurations(b: number, bucket: number, count: number): void {
    let counts = this.durations.get(b);
    if (!counts || bucket >= counts.length) {
      const grown = new Float64Array(Math.max(DURATION_BUCKETS, bucket + 1));
      if (counts) grown.set(counts);
      counts = grown;
      this.durations.set(b, counts);
    }
    counts[bucket] += count;
  }

  addWorkItems(b: number, type: string, count: number): void {
    const counts = this.workItems.get(b) ?? {};
    counts[type] = (counts[type] ?? 0) + count;
    this.workItems.set(b, counts);
  }

  /** One hour's or minute's parts (kpi-period-cache.ts), into bucket `b`. */
  addPeriod(b: number, period: PeriodParts): void {
    if (period.measures) this.addMeasureValues(b, period.measures);
    for (let i = 0; i < period.durations.length; i += 2) this.addDurations(b, period.durations[i], period.durations[i + 1]);
    for (const [type, count] of period.workItems) this.addWorkItems(b, type, count);
  }

  setSurveys(b: number, row: Row): void {
    this.surveys.set(b, row);
  }

  /**
   * Every bucket's parts merged into one: the summary of the whole window, from the rows a series
   * read (a bucket holds only the window's sessions). Survey averages are weighted by responses.
   */
  total(): KpiParts {
    const all = new KpiParts();
    // In bucket order, so the same rows always add up to the same last bit.
    const byBucket = <T>(map: Map<number, T>): T[] => [...map].sort(([a], [b]) => a - b).map(([, v]) => v);
    for (const values of byBucket(this.measures)) all.addMeasureValues(0, values);
    for (const counts of byBucket(this.durations)) counts.forEach((count, bucket) => count !== 0 && all.addDurations(0, bucket, count));
    for (const counts of byBucket(this.workItems)) for (const [type, n] of Object.entries(counts)) all.addWorkItems(0, type, n);
    const surveys = byBucket(this.surveys);
    if (surveys.length > 0) {
      const sum = (name: string): number => surveys.reduce((total, row) => total + num(row[name]), 0);
      const csatResponses = sum('csat_responses');
      all.setSurveys(0, {
        csat_responses: csatResponses,
        csat_satisfied: sum('csat_satisfied'),
        csat_average:
          csatResponses === 0 ? null : surveys.reduce((total, row) => total + num(row.csat_average) * num(row.csat_responses), 0) / csatResponses,
        nps_responses: sum('nps_responses'),
        nps_promoters: sum('nps_promoters'),
        nps_passives: sum('nps_passives'),
        nps_detractors: sum('nps_detractors'),
      });
    }
    return all;
  }

  summaryAt(b: number, humanCostPerCallUsd: number | null): KpiSummary {
    // Deltas of a type can cancel out (an amended call lost its ticket): such types are left out.
    const items = Object.entries(this.workItems.get(b) ?? {})
      .filter(([, n]) => n !== 0)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    const sums = this.measures.get(b);
    const durations: { bucket: number; count: number }[] = [];
    this.durations.get(b)?.forEach((count, bucket) => count !== 0 && durations.push({ bucket, count }));
    return kpiSummaryOf(
      sums ? Object.fromEntries(KPI_MEASURES.map(({ name }, i) => [name, sums[i]])) : {},
      Object.fromEntries(items),
      humanCostPerCallUsd,
      this.surveys.get(b),
      histogramQuantiles(durations, [0.5, 0.9]),
    );
  }

  private measuresOf(b: number): Float64Array {
    let sums = this.measures.get(b);
    if (!sums) {
      sums = new Float64Array(KPI_MEASURES.length);
      this.measures.set(b, sums);
    }
    return sums;
  }
}

/** A row's measures in KPI_MEASURES' order, as KpiParts sums them. */
export function measureValues(row: Row): Float64Array {
  return Float64Array.from(KPI_MEASURES, ({ name }) => num(row[name]));
}
