export * from './layout.js';
export * from './function-store.js';
