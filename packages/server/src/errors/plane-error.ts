/**
 * The one error type with an HTTP status. Anything thrown on a request path that is not a
 * PlaneError is a bug and becomes a 500; a PlaneError's message is written for the sender and
 * says how to fix the request.
 */
export class PlaneError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Seconds the client should wait before retrying (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PlaneError';
  }

  static badRequest(message: string): PlaneError {
    return new PlaneError(400, message);
  }
  static unauthorized(message: string): PlaneError {
    return new PlaneError(401, message);
  }
  static forbidden(message: string): PlaneError {
    return new PlaneError(403, message);
  }
  static notFound(message: string): PlaneError {
    return new PlaneError(404, message);
  }
  static tooLarge(message: string): PlaneError {
    return new PlaneError(413, message);
  }
  static unsupportedMediaType(message: string): PlaneError {
    return new PlaneError(415, message);
  }
  static overloaded(message: string, retryAfterSeconds: number): PlaneError {
    return new PlaneError(429, message, retryAfterSeconds);
  }
  static unavailable(message: string, retryAfterSeconds: number): PlaneError {
    return new PlaneError(503, message, retryAfterSeconds);
  }
}
