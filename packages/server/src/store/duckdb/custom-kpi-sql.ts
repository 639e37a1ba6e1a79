import type { CallFilter } from '../../kpis/kpi-types.js';
import type { FilterValue, KpiFilter, KpiMeasure, KpiSource } from '../../custom-kpis/kpi-definition.js';
import { ATTRIBUTE_FIELD, fieldOf } from '../../custom-kpis/kpi-fields.js';
import { callFilterSql } from './call-filter-sql.js';
import type { SqlParams } from './sql-params.js';

/*
 * A validated KPI measure → one parameterised SELECT. Every piece of SQL text comes from this file
 * or the field catalogue (kpi-fields.ts); everything a tenant wrote (values, attribute keys) is a
 * bound parameter. A field name that is not in the catalogue throws (validation already refused
 * it; this is the second lock).
 */

/** Each source as rows with the filter columns and a start column (`start_us`) for buckets. */
function sourceSql(source: KpiSource, filter: CallFilter, p: SqlParams): string {
  switch (source) {
    case 'calls':
      return `SELECT * FROM sessions WHERE ${callFilterSql(filter, p)}`;
    case 'connector_calls':
      return `SELECT *, session_start_us AS start_us FROM connector_calls WHERE ${callFilterSql(filter, p, 'session_start_us')}`;
    case 'business_events':
      return `SELECT s.start_us, s.agent_id, s.agent_version, s.campaign_id, s.direction, s.outcome,
                     e.name AS event_name, e.value AS event_value
              FROM (SELECT * FROM sessions WHERE ${callFilterSql(filter, p)}) s
              CROSS JOIN LATERAL (SELECT unnest(from_json(s.business_events, '[{"name":"VARCHAR","value":"DOUBLE"}]')) AS e)`;
  }
}

function bind(value: FilterValue, p: SqlParams): string {
  if (typeof value === 'number') return p.double(value);
  if (typeof value === 'boolean') return p.bool(value);
  return p.text(value);
}

function fieldSql(source: KpiSource, field: string, p: SqlParams): string {
  const attribute = source === 'calls' ? ATTRIBUTE_FIELD.exec(field) : null;
  if (attribute) return `json_extract_string(root_attributes, ${p.text(`$."${attribute[1]}"`)})`;
  const spec = fieldOf(source, field);
  if (!spec) throw new Error(`unknown field ${field} of ${source}`);
  return spec.sql;
}

const COMPARISON: Record<Exclude<KpiFilter['op'], 'in' | 'ne'>, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function filterSql(source: KpiSource, f: KpiFilter, p: SqlParams): string {
  const column = fieldSql(source, f.field, p);
  if (f.op === 'in') {
    const values = Array.isArray(f.value) ? f.value : [f.value];
    return `${column} IN (${values.map((v) => bind(v, p)).join(', ')})`;
  }
  const value = bind(f.value as FilterValue, p);
  // A missing value (NULL) is "not equal" to anything, as a reader of the definition expects.
  return f.op === 'ne' ? `${column} IS DISTINCT FROM ${value}` : `${column} ${COMPARISON[f.op]} ${value}`;
}

function aggregateSql(m: KpiMeasure): string {
  if (m.aggregate === 'count') return 'count(*)';
  const column = fieldOf(m.source, m.field ?? '')?.sql;
  if (!column) throw new Error(`unknown field ${m.field ?? ''} of ${m.source}`);
  switch (m.aggregate) {
    case 'sum':
      return `coalesce(fsum(${column}), 0)`;
    case 'average':
      return `avg(${column})`;
    case 'percentile':
      // quantile_cont needs a constant fraction; it is a validated number in (0, 1), never text.
      return `quantile_cont(${column}, ${Number(m.percentile).toString()})`;
  }
}

/** `SELECT [bucket_start_us,] value FROM …` for one measure over a window, per bucket when given. */
export function measureSql(m: KpiMeasure, filter: CallFilter, bucketUs: number | null, p: SqlParams): string {
  const from = sourceSql(m.source, filter, p);
  const where = m.filters.map((f) => filterSql(m.source, f, p));
  const bucket = bucketUs === null ? '' : `(start_us // ${p.us(bucketUs)}) * ${p.us(bucketUs)} AS bucket_start_us, `;
  return `SELECT ${bucket}${aggregateSql(m)} AS value FROM (${from}) AS r
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ${bucketUs === null ? '' : 'GROUP BY bucket_start_us'}`;
}
