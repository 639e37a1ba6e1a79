import { OtlpDecodeError } from '../otlp-decode-error.js';

/**
 * A JSON value of the wrong shape, with the path from the innermost checked field. Decoders do not
 * carry a path while they walk (that would cost a string per record); each array loop that
 * catches one of these prefixes its element (`spans[3]`) and rethrows, so the path is built only
 * on the way out of a failure.
 */
export class JsonShapeError extends Error {
  constructor(
    public path: string,
    readonly problem: string,
  ) {
    super(problem);
    this.name = 'JsonShapeError';
  }
}

/** Prefixes `segment` to the path of a JsonShapeError; returns any other error unchanged. */
export function atPath(error: unknown, segment: string): unknown {
  if (error instanceof JsonShapeError) {
    error.path = error.path === '' ? segment : `${segment}.${error.path}`;
  }
  return error;
}

/** The error the HTTP layer sees: a 400 whose message names the broken field. */
export function toDecodeError(error: unknown): unknown {
  if (error instanceof JsonShapeError) {
    return new OtlpDecodeError(error.path === '' ? error.problem : `${error.path}: ${error.problem}`);
  }
  return error;
}
