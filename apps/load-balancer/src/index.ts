export { createLoadBalancer, type LoadBalancerDeps } from './load-balancer.js';
export { Scheduler, type Grant, type WorkerRecord } from './scheduler.js';
export * from './strategies/index.js';
export { loadConfig } from './config.js';
