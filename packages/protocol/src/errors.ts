import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';

/**
 * Every request failure minifaas reports, with the HTTP status the gateway answers and the gRPC
 * status it travels as between services. docs/errors.md documents each one; a test keeps the two
 * lists equal.
 */
export const ERROR_CODES = {
  // A query parameter, header or JSON body is missing, repeated, unknown or malformed.
  BAD_REQUEST: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  // The function name does not match ^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$.
  INVALID_NAME: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  // The `lang` parameter names no language minifaas runs.
  UNKNOWN_LANGUAGE: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  // A deploy body is empty or only whitespace.
  EMPTY_SOURCE: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  // Deploying, deleting or changing settings without the right bearer token (FAAS_API_TOKEN).
  UNAUTHORIZED: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED },
  // A cross-site browser request to a route that changes something, or a Host not served.
  FORBIDDEN: { http: 403, grpc: GrpcStatus.PERMISSION_DENIED },
  // No route answers this path.
  NOT_FOUND: { http: 404, grpc: GrpcStatus.NOT_FOUND },
  // No deployed function has this id or name.
  FUNCTION_NOT_FOUND: { http: 404, grpc: GrpcStatus.NOT_FOUND },
  // The route exists but not for this HTTP method.
  METHOD_NOT_ALLOWED: { http: 405, grpc: GrpcStatus.UNIMPLEMENTED },
  // The client did not send the whole request head within FAAS_HEADERS_TIMEOUT_MS.
  REQUEST_TIMEOUT: { http: 408, grpc: GrpcStatus.DEADLINE_EXCEEDED },
  // The request body or the source is larger than its limit.
  PAYLOAD_TOO_LARGE: { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  // The compiler rejected the source; the reply carries its message.
  COMPILE_FAILED: { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION },
  // Too many invocations are already waiting for a worker.
  QUEUE_FULL: { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  // The request line and headers together are over Node's 16 KiB limit.
  HEADERS_TOO_LARGE: { http: 431, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  // The function ran and failed: non-zero exit, trap, panic or signal.
  FUNCTION_FAILED: { http: 502, grpc: GrpcStatus.ABORTED },
  // The function hit its memory cap (WASM linear memory or the native process limit).
  MEMORY_LIMIT: { http: 502, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  // The worker running the invocation died or stopped answering mid-run.
  WORKER_LOST: { http: 502, grpc: GrpcStatus.UNAVAILABLE },
  // No worker is registered with the load balancer.
  NO_WORKER: { http: 503, grpc: GrpcStatus.UNAVAILABLE },
  // The compiler or interpreter for this language is not installed on this host.
  TOOLCHAIN_MISSING: { http: 503, grpc: GrpcStatus.FAILED_PRECONDITION },
  // No containment for native functions works on this worker and none was opted out of.
  SANDBOX_UNAVAILABLE: { http: 503, grpc: GrpcStatus.FAILED_PRECONDITION },
  // An internal service (dispatcher, load balancer) cannot be reached.
  SERVICE_UNAVAILABLE: { http: 503, grpc: GrpcStatus.UNAVAILABLE },
  // The invocation's deadline passed before it finished.
  TIMEOUT: { http: 504, grpc: GrpcStatus.DEADLINE_EXCEEDED },
  // A bug in minifaas itself.
  INTERNAL: { http: 500, grpc: GrpcStatus.INTERNAL },
} as const satisfies Record<string, { http: number; grpc: GrpcStatus }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Metadata key carrying the exact ErrorCode across a gRPC hop. */
const CODE_KEY = 'faas-code';
/** Metadata key carrying JSON details (compiler output, partial stdout) across a gRPC hop. */
const DETAILS_KEY = 'faas-details-bin';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** A request failure: it has a stable code and a message that says what to do next. */
export class FaasError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'FaasError';
    this.code = code;
    this.details = options.details ?? {};
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

/** True when err, or anything in its cause chain, is a FaasError (with this code, if given). */
export function isFaasError(err: unknown, code?: ErrorCode): err is FaasError {
  for (let e = err, depth = 0; e && depth < 10; e = (e as Error).cause, depth++) {
    if (e instanceof FaasError && (code === undefined || e.code === code)) return true;
  }
  return false;
}

/** Turns any error into a gRPC error that keeps the FaasError code and details. */
export function toGrpcError(err: unknown): Partial<ServiceError> {
  const faas = err instanceof FaasError ? err : asInternal(err);
  const metadata = new Metadata();
  metadata.set(CODE_KEY, faas.code);
  if (Object.keys(faas.details).length > 0) {
    metadata.set(DETAILS_KEY, Buffer.from(JSON.stringify(faas.details)));
  }
  return { code: ERROR_CODES[faas.code].grpc, details: faas.message, metadata };
}

/** Turns an error from a gRPC call back into a FaasError, guessing a code for plain statuses. */
export function fromGrpcError(err: unknown, target: string): FaasError {
  if (err instanceof FaasError) return err;
  const e = err as Partial<ServiceError>;
  const code = e.metadata?.get(CODE_KEY)[0];
  if (isErrorCode(code)) {
    const raw = e.metadata?.get(DETAILS_KEY)[0];
    const details = Buffer.isBuffer(raw) ? (JSON.parse(raw.toString()) as Record<string, unknown>) : {};
    return new FaasError(code, e.details ?? String(err), { cause: err, details });
  }
  switch (e.code) {
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new FaasError('TIMEOUT', `timed out: the invocation's deadline passed while waiting for ${target}`, { cause: err });
    // CANCELLED reaches a client whose peer shut down mid-call (its process is going away).
    case GrpcStatus.CANCELLED:
    case GrpcStatus.UNAVAILABLE:
      return new FaasError('SERVICE_UNAVAILABLE', `${target} is unreachable: ${e.details ?? ''}`, {
        cause: err,
      });
    default:
      return new FaasError('INTERNAL', `${target} failed: ${e.details ?? String(err)}`, { cause: err });
  }
}

function asInternal(err: unknown): FaasError {
  const message = err instanceof Error ? err.message : String(err);
  return new FaasError('INTERNAL', `internal error: ${message}`, { cause: err });
}
