import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlParams, queryRows } from './sql-params.js';

/**
 * Which tenants have survey results, so a KPI read skips the survey join for a tenant that posts
 * none (most do not) without asking the database each time: that probe was a statement of its own
 * in every summary and series, about a millisecond. A tenant's answer is read once and kept, which
 * holds because every result is saved through this store (`saving` marks its tenant first) and
 * none is ever deleted.
 */
export class SurveyTenants {
  private readonly known = new Map<string, boolean>();
  private saves = 0;

  /** Called before a tenant's result is written, so no read that could see it skips the join. */
  saving(tenantId: string): void {
    this.known.set(tenantId, true);
    this.saves++;
  }

  async has(connection: DuckDBConnection, tenantId: string): Promise<boolean> {
    const known = this.known.get(tenantId);
    if (known !== undefined) return known;
    const savesBefore = this.saves;
    const p = new SqlParams();
    const [row] = await queryRows(connection, `SELECT EXISTS (SELECT 1 FROM surveys WHERE tenant_id = ${p.text(tenantId)}) AS any`, p);
    const has = row?.any === true;
    // A result saved while this was asked may not be in the answer: ask again next time.
    if (has || this.saves === savesBefore) this.known.set(tenantId, has);
    return has;
  }
}
