// The node keeps credential values out of its output and errors by itself, without the
// engine's redactor: run() is called directly with a bare context.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, systemClock, type Json, type NodeContext } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { startLoopbackServer, type LoopbackServer } from '../../egress/test-support.ts';
import { createIoNodes } from '../index.ts';
import { secretsOf } from '../test-support.ts';

const SECRET = 'tok-SECRET-abcdef';
let target: LoopbackServer | undefined;
afterEach(() => target?.close());

/** Runs the http node's run() with params parsed by its schema and a context with no redactor. */
async function runHttp(params: Record<string, unknown>, logs: string[]): Promise<Json> {
  const node = createIoNodes({ egress: createEgressClient({ allow: [`127.0.0.1:${target?.port}`] }) }).find(
    (n) => n.type === 'http',
  );
  if (!node) throw new Error('no http node');
  const record = (message: string, fields?: unknown) => logs.push(`${message} ${JSON.stringify(fields)}`);
  const ctx = {
    params: node.params.parse(params),
    secrets: secretsOf({ token: SECRET, key: { value: SECRET } }),
    signal: new AbortController().signal,
    step: { id: 'call', nodeId: 'call', attempt: 1, iteration: 0, idempotencyKey: 'run:call' },
    clock: systemClock,
    logger: { ...silentLogger, debug: record, info: record, warn: record, error: record },
  } as unknown as NodeContext<unknown>;
  return (await node.run(ctx)).output;
}

describe('http node keeps credentials out on its own', () => {
  it.each([
    { type: 'bearer', credential: 'token' },
    { type: 'header', credential: 'key', name: 'x-api-key' },
    { type: 'query', credential: 'key', name: 'api_key' },
  ])('$type: out of the output, even when the server echoes it', async (auth) => {
    target = await startLoopbackServer((request, response) => {
      response.setHeader(
        'x-echo',
        `${request.headers.authorization ?? ''} ${request.headers['x-api-key'] ?? ''}`,
      );
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ url: request.url, auth: request.headers.authorization ?? null }));
    });
    const logs: string[] = [];
    const output = await runHttp({ url: `${target.origin}/x`, auth }, logs);
    expect(JSON.stringify(output)).not.toContain(SECRET);
    expect(JSON.stringify(output)).toContain('[redacted]');
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('out of the error of a failed request', async () => {
    target = await startLoopbackServer((request, response) => {
      response.statusCode = 401;
      response.end(`invalid token ${request.headers.authorization ?? ''} for ${request.url}`);
    });
    const error = await runHttp(
      { url: `${target.origin}/x`, auth: { type: 'query', credential: 'key', name: 'k' } },
      [],
    ).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect(
      JSON.stringify({ message: (error as Error).message, details: (error as { details?: Json }).details }),
    ).not.toContain(SECRET);
    expect((error as Error).message).toMatch(/answered 401: invalid token/);
  });
});
