/** Header names ADR-32 uses to mark a reply as an error. */
export const SERVICE_ERROR_HEADER = 'Nats-Service-Error';
export const SERVICE_ERROR_CODE_HEADER = 'Nats-Service-Error-Code';

/**
 * Throw from a request handler to answer with an error the caller may show: its code and message go
 * into the error headers. Any other thrown error is answered as code 500 "internal error" (and logged).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Code and description a failed request is answered with; never leaks unexpected error text. */
export function describeFailure(error: unknown): { code: number; description: string } {
  if (error instanceof ServiceError) return { code: error.code, description: error.message };
  return { code: 500, description: 'internal error' };
}
