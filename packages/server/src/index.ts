/** The Weft HTTP server: REST API, event streams and in-process workers. Dependencies are injected. */
export { createServer } from './create-server.ts';
export type { ListeningServer, WeftServer } from './create-server.ts';
export type { ServerConfig, ServerDeps, ServerStore } from './config.ts';
export { createApiToken, hashApiToken } from './auth/api-tokens.ts';
export type { RunQueue } from './queue/run-queue.ts';
export { InProcessRunQueue } from './queue/in-process-queue.ts';
export type { InProcessRunQueueOptions } from './queue/in-process-queue.ts';
export { route, reply } from './router/server-route.ts';
export type { RouteContext, ServerRoute } from './router/server-route.ts';
export type { ServerServices } from './services.ts';
export { enqueueRun } from './runs/enqueue-run.ts';
export { HTTP_STATUS_BY_CODE } from './errors/error-response.ts';
export { RequestError } from './errors/request-error.ts';
export { createVault, loadEncryptionKey } from './credentials/vault.ts';
export type { Vault } from './credentials/vault.ts';
export { credentialResolver, encodeCredentialValue } from './credentials/credential-resolver.ts';
export type { Scheduler, ScheduleView } from './triggers/scheduler.ts';
