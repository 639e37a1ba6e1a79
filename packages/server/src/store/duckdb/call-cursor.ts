import { PlaneError } from '../../errors/plane-error.js';

/** Where a call-list page ended: the last item's start and trace id (the list's sort key). */
export interface CallCursor {
  startUs: number;
  traceId: string;
}

/** Opaque to clients: base64url of `[startUs, traceId]`. */
export function encodeCallCursor(cursor: CallCursor): string {
  return Buffer.from(JSON.stringify([cursor.startUs, cursor.traceId]), 'utf8').toString('base64url');
}

export function decodeCallCursor(raw: string): CallCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string') {
    return { startUs: parsed[0] as number, traceId: parsed[1] };
  }
  throw PlaneError.badRequest('cursor is not one this server issued; drop it to start from the first page');
}
