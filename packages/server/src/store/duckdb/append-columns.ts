import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { DuckDBDataChunk } from '@duckdb/node-api';
import { TimeSlices } from '../../concurrency/time-slices.js';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;
/**
 * Appending is synchronous native work on the event loop: a write of 345 sessions held it 12 ms
 * (sessions, work items, connector calls and rollups), measured under ingest, and with it every
 * export and acknowledgement. The appends give the loop a turn every this many milliseconds: 1 ms
 * made 5–12% more spans/s than 2 ms with protobuf requests (alternating 15 s runs).
 */
const APPEND_SLICE_MILLIS = 1;

/**
 * Appends rows given column by column (`columns[c][row]`, in the table's column order) through
 * DuckDB's appender, one data chunk per 2048 rows: a chunk write costs one native call per
 * column plus one per string, against one per value for row-at-a-time appends. Runs inside the
 * caller's transaction, yielding between columns once a slice is used up (APPEND_SLICE_MILLIS);
 * closing the appender flushes it before this returns.
 */
export async function appendColumns(
  connection: DuckDBConnection,
  table: string,
  columns: readonly (readonly DuckDBValue[])[],
): Promise<void> {
  const rowCount = columns[0]?.length ?? 0;
  if (rowCount === 0) return;
  const appender = await connection.createAppender(table);
  const slices = new TimeSlices(APPEND_SLICE_MILLIS);
  try {
    if (appender.columnCount !== columns.length) {
      throw new Error(`${table} has ${appender.columnCount} columns, the writer gave ${columns.length}`);
    }
    const types: DuckDBType[] = [];
    for (let c = 0; c < columns.length; c++) types.push(appender.columnType(c));
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const size = Math.min(CHUNK_ROWS, rowCount - offset);
      const chunk = DuckDBDataChunk.create(types, size);
      for (let c = 0; c < columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const column = columns[c];
        for (let i = 0; i < size; i++) vector.setItem(i, column[offset + i]);
        vector.flush();
        await slices.next();
      }
      appender.appendDataChunk(chunk);
    }
    await slices.next();
  } catch (error: unknown) {
    // Drop the half-written rows so closing does not flush them; the transaction rolls back anyway.
    appender.clear();
    appender.closeSync();
    throw error;
  }
  appender.closeSync();
}
