import { expect } from 'vitest';
import { main } from '@weft/cli';

/** A real `weft serve` on port 0, in this process (through the CLI's `main`), for template tests. */
export interface InProcessServer {
  url: string;
  /** Creates a workflow from YAML text through the API. */
  addWorkflow(yaml: string): Promise<void>;
  /** POSTs JSON and returns the status and the JSON answer. */
  post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Stops the server as SIGTERM would, and expects a clean exit. */
  close(): Promise<void>;
}

/** Starts `weft serve --port 0` with `env` and resolves once it listens. */
export async function serveInProcess(env: NodeJS.ProcessEnv): Promise<InProcessServer> {
  let stdout = '';
  let stderr = '';
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const { promise: listening, resolve: onUrl } = Promise.withResolvers<string>();
  const exited = main(
    ['serve', '--port', '0'],
    {
      stdout: {
        write: (t: string) => {
          stdout += t;
          const url = /listening on (\S+)/.exec(stdout)?.[1];
          if (url) onUrl(url);
        },
      },
      stderr: { write: (t: string) => (stderr += t) },
    },
    env,
    stopped,
  );
  const url = await Promise.race([listening, exited.then((code) => Promise.reject(new Error(`serve exited ${code}: ${stderr}`)))]);
  return {
    url,
    async addWorkflow(yaml) {
      const created = await fetch(`${url}/api/workflows`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: yaml,
      });
      expect(created.status, await created.clone().text()).toBe(201);
    },
    async post(path, body) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      stop('SIGTERM');
      expect(await exited).toBe(0);
    },
  };
}
