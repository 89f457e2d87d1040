export { createGateway, type GatewayDeps } from './gateway.js';
export { createApp } from './app.js';
export { loadConfig } from './config.js';
