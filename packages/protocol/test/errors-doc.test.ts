import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ERROR_CODES } from '../src/errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| ([A-Z_]+) \|/gm)].map((m) => ({
  code: m[1] as string,
  http: Number(m[2]),
  grpc: m[3] as string,
}));

it('documents every error code in docs/errors.md, and nothing else', () => {
  assert.deepEqual(rows.map((r) => r.code).sort(), Object.keys(ERROR_CODES).sort());
});

it('documents the HTTP and gRPC status each code really has', () => {
  for (const row of rows) {
    const spec = ERROR_CODES[row.code as keyof typeof ERROR_CODES];
    assert.equal(row.http, spec.http, `${row.code} HTTP status`);
    assert.equal(row.grpc, GrpcStatus[spec.grpc], `${row.code} gRPC status`);
  }
});
