import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as DispatcherProto } from './generated/dispatcher.js';
import type { ProtoGrpcType as WorkerProto } from './generated/worker.js';

const require = createRequire(import.meta.url);

/** The folder that holds protos/minifaas/v1/*.proto (the @minifaas/protos package). */
export const PROTO_DIR = dirname(require.resolve('@minifaas/protos/package.json'));

/** One set of loader options for every service, so they all agree on the wire shapes. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

/**
 * Largest message any hop accepts: stdin up to the body cap (10 MiB) plus stdout and stderr up
 * to their caps (4 MiB each) must cross every hop, with room for framing.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  // A peer process that dies closes its UNIX socket, which every client sees at once; pings only
  // catch a hung peer. They must tolerate a worker whose event loop is busy for a second or two
  // (the first load of a large module compiles it on the main thread).
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
};

export const SERVER_OPTIONS: grpc.ServerOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 500,
};

export type MinifaasServices = DispatcherProto['minifaas']['v1'] & WorkerProto['minifaas']['v1'];

let loaded: MinifaasServices | undefined;

/** The minifaas.v1 services and messages, loaded once per process. */
export function loadProto(): MinifaasServices {
  if (!loaded) {
    const files = ['minifaas/v1/dispatcher.proto', 'minifaas/v1/worker.proto'];
    const definition = protoLoader.loadSync(files, LOADER_OPTIONS);
    primeCodecs(definition);
    const root = grpc.loadPackageDefinition(definition);
    loaded = (root as unknown as DispatcherProto & WorkerProto).minifaas.v1;
  }
  return loaded;
}

/**
 * Encodes and decodes an empty message of every method once. protobufjs generates each message
 * type's encoder and decoder on its first use; done here, at start, the first invocation through
 * a freshly started process does not pay for it on top of its own work.
 */
function primeCodecs(definition: protoLoader.PackageDefinition): void {
  for (const service of Object.values(definition)) {
    if (!isServiceDefinition(service)) continue;
    for (const method of Object.values(service)) {
      method.requestDeserialize(method.requestSerialize({}));
      method.responseDeserialize(method.responseSerialize({}));
    }
  }
}

function isServiceDefinition(value: unknown): value is protoLoader.ServiceDefinition {
  return typeof value === 'object' && value !== null && !('format' in value) && Object.values(value).every((m) => typeof m === 'object' && m !== null && 'requestSerialize' in m);
}
