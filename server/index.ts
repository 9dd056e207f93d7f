/** The developer's server, as a library: the core, the adapters, the configuration. */
export { createAuthCore, type AuthCore, type AuthUser, type AuthAnswer } from './core/auth-core';
export { createAuthFromConfig, cloudStores, keyRingFrom } from './create-auth';
export { loadConfig, ConfigError, type ServerConfig } from './config';
export { createHonoApp, requireUser } from './adapters/hono';
export { expressAuth } from './adapters/express';
export { koaAuth } from './adapters/koa';
export { startServer, type RunningAuthServer } from './start-server';
