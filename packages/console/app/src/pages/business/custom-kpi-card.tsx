import { Chart } from '../../components/chart.js';
import { apiGet } from '../../lib/api.js';
import type { Params } from '../../lib/api.js';
import { fmt } from '../../lib/format.js';
import { useData } from '../../lib/use-data.js';
import type { CustomKpi } from './business-types.js';

/** A tenant KPI's value in its own unit (docs/custom-kpis.md: count, ratio, usd, ms, seconds, number). */
export function fmtCustom(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'ratio') return fmt(value, 'rate');
  if (unit === 'usd' || unit === 'count' || unit === 'ms') return fmt(value, unit);
  if (unit === 'seconds') return `${fmt(value, 'score')} s`;
  return Number.isInteger(value) ? fmt(value, 'count') : String(Number(value.toPrecision(4)));
}

interface Props {
  kpi: CustomKpi;
  window: Params;
  bucket: string;
  onDelete: (() => void) | null;
}

/** One tenant KPI: name, value, description and its series as a sparkline. */
export function CustomKpiCard({ kpi, window, bucket, onDelete }: Props) {
  const series = useData(
    () =>
      apiGet<{ points: { bucketStartUs: number; value: number | null }[] }>(
        `/kpis/custom/${encodeURIComponent(kpi.id)}/series`,
        { ...window, bucket },
      ),
    [kpi.id, kpi.value, JSON.stringify(window)],
  );
  const points = series.data?.points ?? [];
  return (
    <div class="kpi custom-kpi" data-custom-kpi={kpi.id} title={kpi.description}>
      <span class="kpi-label">
        {kpi.name} <span class="muted small">{kpi.id}</span>
      </span>
      <span class="kpi-value" data-value={kpi.value ?? ''}>
        {kpi.value === null ? <span class="unset">no data in this window</span> : fmtCustom(kpi.value, kpi.unit)}
      </span>
      {kpi.description && <span class="muted small">{kpi.description}</span>}
      {points.length > 1 && (
        <Chart
          spark
          height={28}
          label={`${kpi.name} trend`}
          x={points.map((p) => p.bucketStartUs / 1e6)}
          series={[{ label: kpi.name, values: points.map((p) => p.value), color: '#155eef' }]}
        />
      )}
      {onDelete && (
        <button type="button" class="link small" onClick={onDelete} aria-label={`Delete ${kpi.id}`}>
          Delete
        </button>
      )}
    </div>
  );
}
