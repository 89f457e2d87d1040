import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { FaasError, fromGrpcError, isFaasError, toGrpcError } from '../src/errors.js';

describe('error mapping', () => {
  it('keeps the code, message and details across a gRPC hop', () => {
    const original = new FaasError('COMPILE_FAILED', 'clang said no', { details: { compilerOutput: 'main.c:1: error' } });
    const wire = toGrpcError(original);
    assert.equal(wire.code, GrpcStatus.FAILED_PRECONDITION);
    const back = fromGrpcError(wire, 'the gateway');
    assert.equal(back.code, 'COMPILE_FAILED');
    assert.equal(back.message, 'clang said no');
    assert.deepEqual(back.details, { compilerOutput: 'main.c:1: error' });
  });

  it('turns an unexpected exception into INTERNAL', () => {
    const back = fromGrpcError(toGrpcError(new RangeError('oops')), 'x');
    assert.equal(back.code, 'INTERNAL');
    assert.equal(back.httpStatus, 500);
  });

  it('maps plain gRPC statuses from a peer without our metadata', () => {
    const err = (code: GrpcStatus) => Object.assign(new Error('x'), { code, details: 'd', metadata: new Metadata() }) as ServiceError;
    assert.equal(fromGrpcError(err(GrpcStatus.DEADLINE_EXCEEDED), 'w').code, 'TIMEOUT');
    assert.equal(fromGrpcError(err(GrpcStatus.UNAVAILABLE), 'w').code, 'SERVICE_UNAVAILABLE');
    assert.equal(fromGrpcError(err(GrpcStatus.INTERNAL), 'w').code, 'INTERNAL');
  });

  it('finds a FaasError anywhere in the cause chain', () => {
    const inner = new FaasError('TIMEOUT', 'late');
    const outer = new Error('wrapped', { cause: new Error('again', { cause: inner }) });
    assert.ok(isFaasError(outer, 'TIMEOUT'));
    assert.ok(!isFaasError(outer, 'QUEUE_FULL'));
    assert.ok(!isFaasError(new Error('plain')));
  });
});
