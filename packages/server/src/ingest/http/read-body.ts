import { gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import { PlaneError } from '../../errors/plane-error.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * Step 1: reads the raw body, refusing more than `maxBytes` before it is all in memory. A declared
 * Content-Length over the limit is refused without reading; a chunked body that grows past it is
 * drained without being kept, so the client still reads the 413 instead of a reset connection.
 */
export async function readLimitedBody(stream: Readable, maxBytes: number, declaredLength?: number): Promise<Buffer> {
  const tooLarge = (): PlaneError => PlaneError.tooLarge(`request body exceeds ${maxBytes} bytes; send smaller batches`);
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    stream.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let overflow = false;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) overflow = true;
    if (!overflow) chunks.push(buf);
  }
  if (overflow) throw tooLarge();
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** A Content-Encoding header as compared: trimmed, lower case, `identity` when absent. */
export function contentEncodingOf(header: string | undefined): string {
  return (header ?? 'identity').trim().toLowerCase();
}

/**
 * Step 2: undoes Content-Encoding (OTLP/HTTP exporters send gzip; deflate is accepted too).
 * The limit applies to the decompressed size, so a small zip bomb cannot exhaust memory.
 */
export async function decompressBody(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const enc = contentEncodingOf(encoding);
  if (enc === 'identity' || enc === '') return body;
  if (enc !== 'gzip' && enc !== 'deflate') {
    throw PlaneError.unsupportedMediaType(`Content-Encoding "${encoding}" is not supported; use gzip or none`);
  }
  try {
    const options = { maxOutputLength: maxBytes };
    return enc === 'gzip' ? await gunzipAsync(body, options) : await inflateAsync(body, options);
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw PlaneError.tooLarge(`decompressed body exceeds ${maxBytes} bytes; send smaller batches`);
    }
    throw PlaneError.badRequest(`body is not valid ${enc} data: ${(error as Error).message}`);
  }
}
