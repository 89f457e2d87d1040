import { Metadata } from '@grpc/grpc-js';

/**
 * Every invocation has one end-to-end deadline, fixed when it arrives at the gateway. It travels
 * as absolute epoch milliseconds in this metadata key through every hop, so queueing time counts
 * and no layer invents a timeout of its own.
 */
export const DEADLINE_KEY = 'faas-deadline-ms';
/** Carries the invocation id for logs on every hop. */
export const INVOCATION_ID_KEY = 'faas-invocation-id';

/**
 * gRPC deadlines sit this far past the invocation deadline, so a worker that stops its guest at
 * the invocation deadline can still send the partial output back through every hop.
 */
export const DEADLINE_GRACE_MS = 2000;

export function invocationMetadata(invocationId: string, deadlineMs: number): Metadata {
  const md = new Metadata();
  md.set(DEADLINE_KEY, String(deadlineMs));
  md.set(INVOCATION_ID_KEY, invocationId);
  return md;
}

/** The invocation id carried in metadata (every hop logs with it), or `fallback` when absent. */
export function readInvocationId(md: Metadata, fallback = ''): string {
  const raw = md.get(INVOCATION_ID_KEY)[0];
  return typeof raw === 'string' && raw !== '' ? raw : fallback;
}

/** The invocation deadline carried in metadata, or fallbackMs when absent or malformed. */
export function readDeadline(md: Metadata, fallbackMs: number): number {
  const raw = md.get(DEADLINE_KEY)[0];
  const value = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallbackMs;
}

/** The gRPC deadline for a hop of an invocation that must end by deadlineMs. */
export function grpcDeadline(deadlineMs: number): Date {
  return new Date(deadlineMs + DEADLINE_GRACE_MS);
}
