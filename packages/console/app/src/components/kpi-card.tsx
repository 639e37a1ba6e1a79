import { Chart } from './chart.js';
import { fmt, fmtDelta } from '../lib/format.js';
import type { KpiDef } from '../lib/kpi-catalog.js';
import type { KpiSummary, SeriesPoint } from '../lib/types.js';

interface Props {
  def: KpiDef;
  now: KpiSummary;
  before: KpiSummary | null;
  series: SeriesPoint[] | null;
  headline?: boolean;
  href: string;
}

/** A KPI's value, its change against the previous period (coloured by whether up is good) and a sparkline. */
export function KpiCard({ def, now, before, series, headline = false, href }: Props) {
  const value = def.get(now);
  const unset = value === null ? (def.unset?.(now) ?? null) : null;
  const prev = before ? def.get(before) : null;
  const diff = value !== null && prev !== null ? value - prev : null;
  const tone =
    diff === null || diff === 0 || def.higherIsBetter === null
      ? 'flat'
      : diff > 0 === def.higherIsBetter
        ? 'good'
        : 'bad';
  const arrow = diff === null || diff === 0 ? '' : diff > 0 ? '▲ ' : '▼ ';
  return (
    <a class={`kpi ${headline ? 'headline' : ''}`} href={href} data-kpi={def.id} title={def.definition}>
      <span class="kpi-label">{def.label}</span>
      <span class="kpi-value" data-value={value ?? ''}>
        {unset ? <span class="unset">{unset}</span> : fmt(value, def.unit)}
      </span>
      <span class={`kpi-delta ${tone}`}>
        {prev === null ? (
          <span class="muted">no data in the previous period</span>
        ) : (
          <>
            {arrow}
            {fmtDelta(value, prev, def.unit)} <span class="muted">vs previous</span>
          </>
        )}
      </span>
      {series && series.length > 1 && (
        <Chart
          spark
          height={headline ? 40 : 28}
          label={`${def.label} trend`}
          x={series.map((p) => p.bucketStartUs / 1e6)}
          series={[
            {
              label: def.label,
              values: series.map((p) => def.get(p.kpis)),
              color: tone === 'bad' ? '#c2410c' : '#155eef',
            },
          ]}
        />
      )}
    </a>
  );
}
