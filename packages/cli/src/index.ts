export { runCli, DEFAULT_URL } from './program.js';
export { GatewayClient, CliError } from './client.js';
export { languageOf, nameOf, table } from './format.js';
export { startSpinner } from './spinner.js';
export type { CliIo } from './io.js';
