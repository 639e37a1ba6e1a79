import { PlaneError } from '../../errors/plane-error.js';
import { CALL_SORTS, type CallSort, type SortOrder } from '../../kpis/kpi-types.js';

/** Where a call-list page ended: the list's order and the last item's sort value and trace id. */
export interface CallCursor {
  sort: CallSort;
  order: SortOrder;
  /** start µs, duration ms or cost USD of the last item, by `sort`. */
  value: number;
  traceId: string;
}

/** Opaque to clients: base64url of `[value, traceId, sort, order]`. */
export function encodeCallCursor(cursor: CallCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.traceId, cursor.sort, cursor.order]), 'utf8').toString('base64url');
}

/** The cursor of a page, which must have been issued for the same order (a cursor of another sort would skip calls). */
export function decodeCallCursor(raw: string, sort: CallSort, order: SortOrder): CallCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && typeof parsed[0] === 'number' && Number.isFinite(parsed[0]) && typeof parsed[1] === 'string') {
    const fields = parsed as unknown[];
    // Cursors of earlier releases hold only [startUs, traceId]: newest first.
    const cursorSort: unknown = fields.length === 2 ? 'start' : fields[2];
    const cursorOrder: unknown = fields.length === 2 ? 'desc' : fields[3];
    if (!CALL_SORTS.includes(cursorSort as CallSort) || (cursorOrder !== 'asc' && cursorOrder !== 'desc')) throw notOurs();
    if (cursorSort !== sort || cursorOrder !== order) {
      throw PlaneError.badRequest(`cursor was issued for sort=${String(cursorSort)}&order=${String(cursorOrder)}; keep the sort of the first page, or drop the cursor`);
    }
    return { sort, order, value: fields[0] as number, traceId: fields[1] as string };
  }
  throw notOurs();
}

function notOurs(): PlaneError {
  return PlaneError.badRequest('cursor is not one this server issued; drop it to start from the first page');
}
