export { createDispatcher, type DispatcherDeps } from './dispatcher.js';
export { loadConfig } from './config.js';
