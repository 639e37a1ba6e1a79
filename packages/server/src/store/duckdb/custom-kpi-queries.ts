import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter } from '../../kpis/kpi-types.js';
import { seriesBuckets } from './series-buckets.js';
import type { CustomKpiDefinition, KpiMeasure, StoredCustomKpi } from '../../custom-kpis/kpi-definition.js';
import { measureSql } from './custom-kpi-sql.js';
import { inTransaction } from './in-transaction.js';
import { num, numOrNull, parseJson, str, type Row } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';

function kpiFromRow(row: Row): StoredCustomKpi {
  return {
    tenantId: str(row.tenant_id),
    definition: parseJson(row.definition, {}) as CustomKpiDefinition,
    createdAtUs: num(row.created_at_us),
    updatedAtUs: num(row.updated_at_us),
  };
}

export async function listCustomKpis(connection: DuckDBConnection, tenantId: string | null): Promise<StoredCustomKpi[]> {
  const p = new SqlParams();
  const where = tenantId === null ? '' : `WHERE tenant_id = ${p.text(tenantId)}`;
  return (await queryRows(connection, `SELECT * FROM tenant_kpis ${where} ORDER BY tenant_id, id`, p)).map(kpiFromRow);
}

/** Creates or replaces a definition; returns true when it replaced one. */
export async function saveCustomKpi(connection: DuckDBConnection, tenantId: string, definition: CustomKpiDefinition, nowUs: number): Promise<boolean> {
  return inTransaction(connection, async () => {
    const p = new SqlParams();
    const [existing] = await queryRows(
      connection,
      `SELECT created_at_us FROM tenant_kpis WHERE tenant_id = ${p.text(tenantId)} AND id = ${p.text(definition.id)}`,
      p,
    );
    const createdAtUs = existing ? num(existing.created_at_us) : nowUs;
    const w = new SqlParams();
    await connection.run(
      `INSERT OR REPLACE INTO tenant_kpis VALUES (${w.text(tenantId)}, ${w.text(definition.id)}, ${w.text(JSON.stringify(definition))},
         ${w.us(createdAtUs)}, ${w.us(nowUs)})`,
      w.values,
      w.types,
    );
    return existing !== undefined;
  });
}

export async function deleteCustomKpi(connection: DuckDBConnection, tenantId: string, id: string): Promise<boolean> {
  const p = new SqlParams();
  const rows = await queryRows(connection, `DELETE FROM tenant_kpis WHERE tenant_id = ${p.text(tenantId)} AND id = ${p.text(id)} RETURNING id`, p);
  return rows.length > 0;
}

async function measureValues(connection: DuckDBConnection, m: KpiMeasure, filter: CallFilter, bucketUs: number | null): Promise<Map<number, number | null>> {
  const p = new SqlParams();
  const rows = await queryRows(connection, measureSql(m, filter, bucketUs, p), p);
  return new Map(rows.map((row) => [bucketUs === null ? 0 : num(row.bucket_start_us), numOrNull(row.value)]));
}

/**
 * A definition's value over a window, or per bucket of session start (key: bucket start µs; 0 for
 * the whole window). A ratio is numerator / denominator, null when the denominator is 0 or
 * missing; a bucket without rows has count 0, sum 0 and a null average or percentile.
 */
export async function evaluateCustomKpi(
  connection: DuckDBConnection,
  definition: CustomKpiDefinition,
  filter: CallFilter,
  bucketUs: number | null,
): Promise<(bucketStartUs: number) => number | null> {
  const empty = (m: KpiMeasure): number | null => (m.aggregate === 'count' || m.aggregate === 'sum' ? 0 : null);
  return inTransaction(connection, async () => {
    if (definition.measure) {
      const m = definition.measure;
      const values = await measureValues(connection, m, filter, bucketUs);
      return (bucket) => (values.has(bucket) ? (values.get(bucket) ?? null) : empty(m));
    }
    const numerator = definition.numerator as KpiMeasure;
    const denominator = definition.denominator as KpiMeasure;
    const top = await measureValues(connection, numerator, filter, bucketUs);
    const bottom = await measureValues(connection, denominator, filter, bucketUs);
    return (bucket) => {
      const n = top.has(bucket) ? (top.get(bucket) ?? null) : empty(numerator);
      const d = bottom.has(bucket) ? (bottom.get(bucket) ?? null) : empty(denominator);
      return n === null || d === null || d === 0 ? null : n / d;
    };
  });
}

/** A definition's value over the whole window. */
export async function customKpiValue(connection: DuckDBConnection, definition: CustomKpiDefinition, filter: CallFilter): Promise<number | null> {
  return (await evaluateCustomKpi(connection, definition, filter, null))(0);
}

/** A definition's value per hour or day of session start, every bucket of the window. */
export async function customKpiSeries(
  connection: DuckDBConnection,
  definition: CustomKpiDefinition,
  filter: CallFilter,
  bucket: Bucket,
): Promise<{ bucketStartUs: number; value: number | null }[]> {
  const { sizeUs, startsUs } = seriesBuckets(filter, bucket);
  if (startsUs.length === 0) return [];
  const valueAt = await evaluateCustomKpi(connection, definition, filter, sizeUs);
  return startsUs.map((bucketStartUs) => ({ bucketStartUs, value: valueAt(bucketStartUs) }));
}
