// A closed-loop HTTP load generator for loopback benches: `clients` loops, each sending its next
// request when the previous answer is in, over one keep-alive agent, bounded by count and time.
import { Agent, request } from 'node:http';

export interface LoadOptions {
  url: string;
  method?: string;
  clients: number;
  durationMs: number;
  maxRequests: number;
  /** The JSON body of request `i`. */
  body: (i: number) => string;
  /** Answers with this status count as accepted. */
  okStatus: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  /** Answers with another status, or failed requests, by status (0: no answer). */
  errors: Map<number, number>;
  /** Epoch ms of the first request and of the last answer. */
  firstAt: number;
  lastAt: number;
  /** Latency of every accepted request, ms. */
  latenciesMs: number[];
  /** Accepted requests per whole second of the run (for the spread). */
  perSecond: number[];
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One request; the answer's body as text. */
export function httpRequest(
  agent: Agent | undefined,
  url: string,
  method = 'GET',
  body?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = request(url, { method, agent: agent ?? false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON request that must answer 2xx; throws with the answer otherwise. */
export async function httpJson<T>(url: string, method = 'GET', body?: unknown): Promise<T> {
  const answer = await httpRequest(
    undefined,
    url,
    method,
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`${method} ${url}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

/** Drives `url` with `clients` concurrent keep-alive clients until `durationMs` or `maxRequests`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latenciesMs: number[] = [];
  const errors = new Map<number, number>();
  const seconds: number[] = [];
  let sent = 0;
  let ok = 0;
  const firstAt = Date.now();
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;
  const client = async () => {
    while (sent < options.maxRequests && performance.now() < deadline) {
      const i = sent++;
      const start = performance.now();
      let status = 0;
      try {
        status = (await httpRequest(agent, options.url, options.method ?? 'POST', options.body(i))).status;
      } catch {
        status = 0;
      }
      const end = performance.now();
      if (status === options.okStatus) {
        ok++;
        latenciesMs.push(end - start);
        const second = Math.floor((end - t0) / 1000);
        seconds[second] = (seconds[second] ?? 0) + 1;
      } else {
        errors.set(status, (errors.get(status) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const lastAt = Date.now();
  agent.destroy();
  // Only whole seconds: the last, partial one would read low.
  const whole = Math.floor((performance.now() - t0) / 1000);
  const perSecond = Array.from({ length: Math.min(whole, seconds.length) }, (_, i) => seconds[i] ?? 0);
  return { sent, ok, errors, firstAt, lastAt, latenciesMs, perSecond };
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** `404 × 3, no answer × 1`. */
export function describeErrors(errors: Map<number, number>): string {
  return [...errors].map(([status, n]) => `${status === 0 ? 'no answer' : status} × ${n}`).join(', ');
}
