import type { KpiSummary } from '../../kpis/kpi-types.js';
import { histogramQuantiles } from './duration-histogram.js';
import { KPI_MEASURES, kpiSummaryOf } from './kpi-aggregates.js';
import { num, type Row } from './row-values.js';

/**
 * Everything a summary or a series is made of, per bucket start (0 for a summary), gathered from
 * the rows of every part of a window (hourly rollups, minute rollups, raw sessions at the edges).
 * A bucket's rows are summed here rather than by an outer GROUP BY: DuckDB plans a statement that
 * scans a table again on every execution, and a merge's twenty sums were a good part of that.
 */
export class KpiParts {
  private readonly measures = new Map<number, Row>();
  private readonly durations = new Map<number, { bucket: number; count: number }[]>();
  private readonly workItems = new Map<number, Record<string, number>>();
  private readonly surveys = new Map<number, Row>();

  /** A row of the measures (kpi-aggregates.ts' names) for bucket `b`. */
  addMeasures(b: number, row: Row): void {
    const merged = this.measures.get(b);
    this.measures.set(b, merged ? Object.fromEntries(KPI_MEASURES.map(({ name }) => [name, num(merged[name]) + num(row[name])])) : row);
  }

  addDurations(b: number, bucket: number, count: number): void {
    const list = this.durations.get(b) ?? [];
    list.push({ bucket, count });
    this.durations.set(b, list);
  }

  addWorkItems(b: number, type: string, count: number): void {
    const counts = this.workItems.get(b) ?? {};
    counts[type] = (counts[type] ?? 0) + count;
    this.workItems.set(b, counts);
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
    for (const row of byBucket(this.measures)) all.addMeasures(0, row);
    for (const list of byBucket(this.durations)) for (const { bucket, count } of list) all.addDurations(0, bucket, count);
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
    return kpiSummaryOf(
      this.measures.get(b) ?? {},
      Object.fromEntries(items),
      humanCostPerCallUsd,
      this.surveys.get(b),
      histogramQuantiles(this.durations.get(b) ?? [], [0.5, 0.9]),
    );
  }
}
