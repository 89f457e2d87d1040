export { startStack, type Stack, type StackOptions } from './stack.js';
export { ServiceProcess } from './service-process.js';
