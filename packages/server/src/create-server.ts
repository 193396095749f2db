import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { workflowJsonSchema } from '@weft/engine';
import type { ServerDeps } from './config.ts';
import { errorJsonResponse, errorResponse } from './errors/error-response.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/build-document.ts';
import type { RunQueue } from './queue/run-queue.ts';
import { mountRoutes } from './router/mount.ts';
import { serverRoutes } from './routes/index.ts';
import { recoverRuns, sweepOnce } from './runs/recover-runs.ts';
import { createServices } from './services.ts';
import { createStaticUi } from './web/static-ui.ts';
import type { Scheduler } from './triggers/scheduler.ts';

/** A listening server. */
export interface ListeningServer {
  url: string;
  /** Stops accepting connections, ends open streams, lets running steps finish and commit (up to the shutdown timeout). */
  close(): Promise<void>;
}

/** The Weft HTTP server: a fetch handler, and a way to listen on a port. */
export interface WeftServer {
  /** Answers one request (for tests and other runtimes). */
  fetch(request: Request): Promise<Response>;
  /** Picks up runs left by a previous process (once), then listens. Default 127.0.0.1:8080. */
  listen(options?: { host?: string; port?: number }): Promise<ListeningServer>;
  /**
   * Starts the background work (once): picks up runs left by a previous process, loads webhook paths,
   * starts the cron scheduler and the periodic sweep. `listen` calls it. Returns how many runs it picked up.
   */
  recover(): Promise<number>;
  queue: RunQueue;
  /** The cron scheduler (`tick()` fires due schedules now; tests drive it with a fake clock). */
  scheduler: Scheduler;
  /** Stops workers and streams (what `ListeningServer.close` does, for a server that never listened). */
  close(): Promise<void>;
}

/**
 * Builds the server from what the composition root hands it.
 *
 * @example const server = createServer({ engine, store, registry, config: { concurrency: 8 } });
 *          const { url, close } = await server.listen({ port: 0 });
 */
export function createServer(deps: ServerDeps): WeftServer {
  let document: OpenApiDocument | undefined;
  const services = createServices(deps, () => {
    document ??= buildOpenApiDocument(serverRoutes, {
      version: services.config.version,
      overrides: { WorkflowDefinition: workflowJsonSchema() },
    });
    return document;
  });
  const unsubscribeMetrics = services.engine.subscribe('*', (event) => services.metrics.observe(event));

  const app = new Hono();
  if (services.config.cors.length > 0) {
    const any = services.config.cors.includes('*');
    app.use(
      '*',
      cors({
        origin: any ? '*' : services.config.cors,
        allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
        exposeHeaders: ['Location'],
        maxAge: 600,
      }),
    );
  }
  mountRoutes(app, serverRoutes, services);
  if (deps.webRoot !== undefined) {
    const ui = createStaticUi(deps.webRoot);
    app.on(['GET', 'HEAD'], '*', async (c, next) => {
      const path = c.req.path;
      if (path === '/api' || path.startsWith('/api/') || path.startsWith('/hooks/')) return next();
      return (await ui(path, c.req.method, c.req.header('accept-encoding'))) ?? next();
    });
  }
  app.onError((error, c) => errorResponse(error, services.logger, `${c.req.method} ${c.req.routePath}`));
  app.notFound((c) =>
    errorJsonResponse(404, { code: 'NOT_FOUND', message: `No route ${c.req.method} ${new URL(c.req.url).pathname}` }),
  );

  let recovered: Promise<number> | undefined;
  let closing: Promise<void> | undefined;
  let sweep: NodeJS.Timeout | undefined;
  let sweeping = false;
  const recover = () => {
    recovered ??= (async () => {
      await services.triggers.ready();
      const picked = await recoverRuns(services);
      if (!closing) services.triggers.scheduler.start();
      return picked;
    })();
    if (!sweep && services.config.orphanSweepMs > 0) {
      // Runs whose process died after we started (another worker on the same database), timed waits
      // that fell due, webhooks saved elsewhere.
      sweep = setInterval(() => {
        if (!services.queue.accepting || sweeping) return;
        sweeping = true;
        void sweepOnce(services).finally(() => (sweeping = false));
      }, services.config.orphanSweepMs);
      sweep.unref();
    }
    return recovered;
  };

  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweep);
      await services.triggers.scheduler.stop();
      for (const stream of [...services.streams]) stream.close();
      // Running steps finish and commit; no new step starts; the runs continue on the next start.
      const drained = services.engine.drain();
      const unfinished = await services.queue.close(services.config.shutdownTimeoutMs);
      void drained;
      if (unfinished.length > 0) {
        services.logger.warn('Runs still running at shutdown continue on the next start', { runs: unfinished });
      }
      unsubscribeMetrics();
    })());

  return {
    fetch: async (request) => app.fetch(request),
    queue: services.queue,
    scheduler: services.triggers.scheduler,
    recover,
    close,
    async listen(options = {}) {
      const host = options.host ?? '127.0.0.1';
      const wss = new WebSocketServer({ noServer: true });
      // Plain HTTP/1.1 (no createServer option given), so the node:http Server API is there.
      const server = createAdaptorServer({ fetch: app.fetch, hostname: host, websocket: { server: wss } }) as Server;
      await recover();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 8080, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      services.logger.info('Weft API listening', { url });
      return {
        url,
        async close() {
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          for (const client of wss.clients) client.close(1001, 'server shutting down');
          await close();
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 1_000).unref();
          await stopped;
        },
      };
    },
  };
}
