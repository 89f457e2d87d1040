export { createWorker, type WorkerDeps } from './worker.js';
export { keepRegistered } from './registration.js';
export { loadConfig } from './config.js';
export { findInterpreter, type Interpreter, type NativeLanguage } from './interpreters.js';
