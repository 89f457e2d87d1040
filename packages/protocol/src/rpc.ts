import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import * as protoLoader from '@grpc/proto-loader';
import { FaasError, fromGrpcError, toGrpcError } from './errors.js';
import { CHANNEL_OPTIONS, loadProto, SERVER_OPTIONS } from './proto.js';
import { prepareSocketPath, removeSocket, unixTarget } from './sockets.js';
import type { DispatcherClient, DispatcherHandlers } from './generated/minifaas/v1/Dispatcher.js';
import type { LoadBalancerClient, LoadBalancerHandlers } from './generated/minifaas/v1/LoadBalancer.js';
import type { WorkerClient, WorkerHandlers } from './generated/minifaas/v1/Worker.js';

export type { DispatcherClient, DispatcherHandlers, LoadBalancerClient, LoadBalancerHandlers };
export type { WorkerClient, WorkerHandlers };

export function createWorkerClient(target: string): WorkerClient {
  return new (loadProto().Worker)(target, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function createLoadBalancerClient(target: string): LoadBalancerClient {
  return new (loadProto().LoadBalancer)(target, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function createDispatcherClient(target: string): DispatcherClient {
  return new (loadProto().Dispatcher)(target, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export type ServiceName = 'Worker' | 'LoadBalancer' | 'Dispatcher';
type HandlersOf<S extends ServiceName> = S extends 'Worker'
  ? WorkerHandlers
  : S extends 'LoadBalancer'
    ? LoadBalancerHandlers
    : DispatcherHandlers;

/**
 * A gRPC server for one minifaas service plus the standard grpc.health.v1 service, so probes and
 * `docker compose` health checks can ask it whether it serves.
 */
export function createServer<S extends ServiceName>(name: S, handlers: HandlersOf<S>) {
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(loadProto()[name].service, handlers as grpc.UntypedServiceImplementation);
  const health = new HealthImplementation({ '': 'SERVING', [`minifaas.v1.${name}`]: 'SERVING' });
  health.addToServer(server);
  return { server, health };
}

/** Binds a server to a UNIX socket, replacing a stale socket file left by a dead process. */
export async function listenOnSocket(server: grpc.Server, socketPath: string): Promise<void> {
  await prepareSocketPath(socketPath);
  return new Promise((resolve, reject) => {
    server.bindAsync(unixTarget(socketPath), grpc.ServerCredentials.createInsecure(), (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

/** Stops accepting calls, lets running ones finish for up to graceMs, then unlinks the socket. */
export async function closeServer(server: grpc.Server, socketPath: string, graceMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  removeSocket(socketPath);
}

/**
 * Wraps an async unary handler: its result becomes the reply, any error travels as a gRPC status
 * that keeps the FaasError code.
 */
export function unary<Req, Res>(
  fn: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    fn(call.request, call).then(
      (reply) => callback(null, reply),
      (err: unknown) => callback(toGrpcError(err) as grpc.ServiceError),
    );
  };
}

export interface CallOptionsLike {
  deadline?: grpc.Deadline;
  metadata?: grpc.Metadata;
}

/**
 * Calls a unary method and returns a promise; a failure comes back as a FaasError. `target` names
 * the peer in error messages. Example: `call('the load balancer', (md, o, cb) => lb.Acquire(req, md, o, cb))`.
 */
export function call<Res>(
  target: string,
  method: (md: grpc.Metadata, opts: grpc.CallOptions, cb: grpc.requestCallback<Res>) => unknown,
  options: CallOptionsLike = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const opts: grpc.CallOptions = options.deadline === undefined ? {} : { deadline: options.deadline };
    method(options.metadata ?? new grpc.Metadata(), opts, (err, reply) => {
      if (err) reject(fromGrpcError(err, target));
      else if (reply === undefined) reject(new FaasError('INTERNAL', `${target} sent an empty reply`));
      else resolve(reply);
    });
  });
}

/** Asks a service's grpc.health.v1 endpoint whether it serves; resolves false on any failure. */
export function checkHealth(target: string, timeoutMs = 1000): Promise<boolean> {
  const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
  const client = new Health(target, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      (arg: object) => serialize(arg),
      (buf: Buffer) => deserialize(buf),
      {},
      new grpc.Metadata(),
      { deadline: Date.now() + timeoutMs },
      (err: grpc.ServiceError | null, reply?: { status?: string }) => {
        client.close();
        resolve(!err && reply?.status === 'SERVING');
      },
    );
  });
}

const checkMethod = (healthService as protoLoader.ServiceDefinition)['Check'] as protoLoader.MethodDefinition<object, { status?: string }>;
const serialize = (arg: object) => checkMethod.requestSerialize(arg);
const deserialize = (buf: Buffer) => checkMethod.responseDeserialize(buf);
