import { PlaneError } from '../../errors/plane-error.js';

/**
 * A request body that does not follow the OTLP message structure (truncated bytes, a field of the
 * wrong type, invalid JSON). The whole request is unusable, so it is a 400: the OTLP spec's "Bad
 * Data" case, which clients must not retry
 * (https://opentelemetry.io/docs/specs/otlp/#bad-data).
 *
 * Records that parse but carry invalid content (an all-zero trace id) are not errors: they are
 * rejected one by one and reported as partial success.
 */
export class OtlpDecodeError extends PlaneError {
  constructor(message: string) {
    super(400, message);
    this.name = 'OtlpDecodeError';
  }
}
