import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineNode, NonRetryableError, type Json, type Logger, type LogFields } from '@weft/engine';
import { startLoopbackProvider, type LoopbackProvider } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLiveServer, waitForStatus, type LiveServer } from './e2e-helpers.ts';

/** What a careless node does with a credential: returns it, logs it, emits it, puts it in state and errors. */
const useSecret = defineNode({
  type: 'test.use-secret',
  version: 1,
  category: 'test',
  title: 'Use a secret',
  description: 'Resolves credentials by name and leaks them everywhere it can.',
  params: z.object({ names: z.array(z.string()), fail: z.boolean().default(false) }),
  async run(ctx) {
    const values: string[] = [];
    for (const name of ctx.params.names) {
      const value = await ctx.secrets.resolve(name);
      if (value === undefined) throw new NonRetryableError(`no credential ${name}`);
      values.push(...(typeof value === 'string' ? [value] : Object.values(value)));
    }
    const joined = values.join(' ');
    ctx.logger.info(`calling the API with ${joined}`, { key: joined });
    ctx.emit('log', { message: `keys: ${joined}` });
    if (ctx.params.fail) throw new NonRetryableError(`the API refused ${joined}`);
    return { output: { keys: values as Json, header: `Bearer ${values[0]}` }, state: { lastKey: values[0] ?? null } };
  },
});

const API_KEY = 'sk-live-SECRET-api-key-0001';
const PASSWORD = 'hunter2-SECRET-password';
const lines: string[] = [];
const capture = (level: string) => (message: string, fields?: LogFields) => lines.push(JSON.stringify([level, message, fields ?? null]));
const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

let provider: LoopbackProvider;
let dir: string;
let live: LiveServer;

beforeAll(async () => {
  provider = await startLoopbackProvider({ provider: 'openai', reply: () => ({ text: 'unused' }) });
  dir = await mkdtemp(join(tmpdir(), 'weft-secrets-'));
  live = await startLiveServer({ dbPath: join(dir, 'weft.db'), openaiUrl: provider.url, logger, nodeTypes: [useSecret] });
});

afterAll(async () => {
  await live?.stop();
  await provider?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a credential put through runs', () => {
  it('appears in no event, step, run, API answer, SSE stream, log line or database byte', async () => {
    const answers: string[] = [];
    const api = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      const response = await fetch(`${live.url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      answers.push(`${method} ${path} ${response.status} ${text}`);
      const json = response.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
      return { status: response.status, text, json };
    };

    expect((await api('POST', '/api/credentials', { name: 'api-key', type: 'api_key', value: API_KEY })).status).toBe(201);
    expect((await api('POST', '/api/credentials', { name: 'login', type: 'basic', value: { user: 'admin', password: PASSWORD } })).status).toBe(201);
    // A body that is not JSON echoes nothing of itself.
    expect((await api('PUT', '/api/credentials/api-key', `{"value": ${API_KEY}}`)).status).toBe(400);

    expect(
      (
        await api('POST', '/api/workflows', {
          id: 'leaky',
          name: 'leaky',
          triggers: [{ type: 'webhook', path: 'leaky', response: 'sync', secret: 'api-key' }],
          nodes: [
            { id: 'use', type: 'test.use-secret', params: { names: ['api-key', 'login'] } },
            { id: 'copy', type: 'transform', params: { value: 'copied {{ steps.use.output.keys.join(",") }}' } },
            { id: 'reply', type: 'respond', params: { body: { key: '{{ steps.use.output.keys[0] }}', copy: '{{ steps.copy.output }}' } } },
          ],
          edges: [
            { from: 'use', to: 'copy' },
            { from: 'copy', to: 'reply' },
          ],
        })
      ).status,
    ).toBe(201);
    expect(
      (await api('POST', '/api/workflows', { id: 'failing', name: 'failing', nodes: [{ id: 'use', type: 'test.use-secret', params: { names: ['api-key'], fail: true } }] }))
        .status,
    ).toBe(201);

    // Through a webhook guarded by the same credential, answered by a respond step.
    const hook = await fetch(`${live.url}/hooks/leaky`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-weft-secret': API_KEY } });
    const hookText = await hook.text();
    answers.push(hookText);
    expect(hook.status).toBe(200);
    expect(JSON.parse(hookText)).toEqual({ key: '[redacted]', copy: 'copied [redacted],[redacted],[redacted]' });

    const failedRun = ((await api('POST', '/api/workflows/failing/runs', {})).json['run'] as { id: string }).id;
    await waitForStatus(live, failedRun, 'failed');
    const okRun = ((await api('GET', '/api/runs?workflowId=leaky')).json['runs'] as { id: string }[])[0]?.id as string;
    await waitForStatus(live, okRun, 'succeeded');

    for (const runId of [okRun, failedRun]) {
      await api('GET', `/api/runs/${runId}`);
      await api('GET', `/api/runs/${runId}/events?limit=1000`);
      await api('GET', `/api/runs/${runId}/events/stream`);
      await api('GET', `/api/runs/${runId}/artifacts`);
    }
    await api('GET', '/api/runs');
    await api('GET', '/api/credentials');
    await api('GET', '/api/workflows/leaky');
    await api('GET', '/api/workflows/leaky/export');
    await api('POST', '/api/workflows/leaky/nodes/use/test', {});
    await api('POST', '/api/runs/' + okRun + '/rerun', { fromStepId: 'copy' });

    const failed = await api('GET', `/api/runs/${failedRun}`);
    expect(failed.json).toMatchObject({ run: { status: 'failed', error: { message: "Step 'use' failed: the API refused [redacted]" } } });
    const okDetail = await api('GET', `/api/runs/${okRun}`);
    expect(okDetail.json).toMatchObject({ run: { state: { lastKey: '[redacted]' } } });
    expect(lines.some((l) => l.includes('calling the API with [redacted]'))).toBe(true);

    const stored = JSON.stringify([
      await live.store.listEvents(okRun, 0, 1000),
      await live.store.getSteps(okRun),
      await live.store.getRun(okRun),
      await live.store.listEvents(failedRun, 0, 1000),
      await live.store.getSteps(failedRun),
      await live.store.getRun(failedRun),
    ]);
    const files = await Promise.all((await readdir(dir)).filter((f) => f.startsWith('weft.db')).map((f) => readFile(join(dir, f))));
    for (const secret of [API_KEY, PASSWORD]) {
      for (const answer of answers) expect(answer).not.toContain(secret);
      for (const line of lines) expect(line).not.toContain(secret);
      expect(stored).not.toContain(secret);
      for (const file of files) expect(file.includes(secret)).toBe(false);
    }
  });
});
