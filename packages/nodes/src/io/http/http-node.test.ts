import { afterEach, describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import {
  startLoopbackServer,
  watchClientSockets,
  type LoopbackServer,
  type TestHandler,
} from '../../egress/test-support.ts';
import { createTestEngine, type RunView } from '../../testing/index.ts';
import { createIoNodes } from '../index.ts';
import { MemoryArtifacts, secretsOf } from '../test-support.ts';

const SECRETS = {
  token: 'tok-SECRET-1234',
  login: { user: 'ada', password: 'pw-SECRET-5678' },
  loginText: 'bob:pw-SECRET-text',
  apiKey: { value: 'key-SECRET-9012' },
};
const SECRET_VALUES = ['tok-SECRET-1234', 'pw-SECRET-5678', 'pw-SECRET-text', 'key-SECRET-9012'];

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(handler?: TestHandler): Promise<LoopbackServer> {
  const started = await startLoopbackServer(handler);
  servers.push(started);
  return started;
}

/** Echoes what it received as JSON. */
const echo: TestHandler = (request, response, body) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body }));
};

function setup(target: LoopbackServer, allow = [`127.0.0.1:${target.port}`]) {
  const artifacts = new MemoryArtifacts();
  const egress = createEgressClient({ allow });
  const t = createTestEngine({
    nodes: createIoNodes({ egress }),
    engine: { artifacts, secrets: secretsOf(SECRETS) },
  });
  const call = (params: Record<string, unknown>, retry?: { maxAttempts: number }) =>
    t.run(
      workflow('h')
        .node('call', 'http', params, retry ? { retry } : {})
        .build(),
    );
  return { t, artifacts, call };
}

function expectNoSecrets(view: RunView): void {
  const everything = JSON.stringify([view.run, view.steps, view.events]);
  for (const secret of SECRET_VALUES) expect(everything).not.toContain(secret);
}

describe('http node', () => {
  it.each<{ name: string; params: Record<string, unknown>; body: string; contentType: string }>([
    {
      name: 'json',
      params: { body: { a: 1, b: ['x'] } },
      body: '{"a":1,"b":["x"]}',
      contentType: 'application/json',
    },
    {
      name: 'form',
      params: { body: { q: 'a b&c', n: 2, tags: ['x', 'y'] }, bodyType: 'form' },
      body: 'q=a+b%26c&n=2&tags=x&tags=y',
      contentType: 'application/x-www-form-urlencoded',
    },
    {
      name: 'raw',
      params: { body: '<xml/>', bodyType: 'raw', headers: { 'Content-Type': 'application/xml' } },
      body: '<xml/>',
      contentType: 'application/xml',
    },
  ])(
    'sends a $name body with its content type and an idempotency key',
    async ({ params, body, contentType }) => {
      const target = await server(echo);
      const { call } = setup(target);
      const view = await call({
        method: 'POST',
        url: `${target.origin}/items?x=1`,
        query: { page: 2, flag: true },
        ...params,
      });
      expect(view.run.status).toBe('succeeded');
      const received = target.requests[0];
      expect(received?.body).toBe(body);
      expect(received?.url).toBe('/items?x=1&page=2&flag=true');
      expect(received?.headers['content-type']).toBe(contentType);
      expect(received?.headers['idempotency-key']).toBe(`${view.run.id}:call`);
      const output = view.run.output as {
        status: number;
        headers: Record<string, string>;
        body: { method: string };
      };
      expect(output.status).toBe(200);
      expect(output.headers['content-type']).toBe('application/json');
      expect(output.body.method).toBe('POST');
    },
  );

  it('sends no idempotency key on GET, and reads text responses as text', async () => {
    const target = await server((_q, r) => {
      r.setHeader('content-type', 'text/plain');
      r.end('hello');
    });
    const view = await setup(target).call({ url: `${target.origin}/` });
    expect(target.requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(view.run.output).toMatchObject({ status: 200, body: 'hello' });
  });

  it.each<{
    name: string;
    auth: Record<string, unknown>;
    check: (r: LoopbackServer['requests'][number]) => void;
  }>([
    {
      name: 'bearer',
      auth: { type: 'bearer', credential: 'token' },
      check: (r) => expect(r.headers.authorization).toBe('Bearer tok-SECRET-1234'),
    },
    {
      name: 'basic from { user, password }',
      auth: { type: 'basic', credential: 'login' },
      check: (r) =>
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('ada:pw-SECRET-5678').toString('base64')}`),
    },
    {
      name: 'basic from "user:password"',
      auth: { type: 'basic', credential: 'loginText' },
      check: (r) =>
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('bob:pw-SECRET-text').toString('base64')}`),
    },
    {
      name: 'header',
      auth: { type: 'header', credential: 'apiKey', name: 'X-API-Key' },
      check: (r) => expect(r.headers['x-api-key']).toBe('key-SECRET-9012'),
    },
    {
      name: 'query',
      auth: { type: 'query', credential: 'apiKey', name: 'api_key' },
      check: (r) => expect(r.url).toBe('/echo?api_key=key-SECRET-9012'),
    },
  ])(
    'authenticates with $name from a credential, and no value reaches output, events or records',
    async ({ auth, check }) => {
      const target = await server(echo);
      const view = await setup(target).call({ method: 'POST', url: `${target.origin}/echo`, auth, body: {} });
      expect(view.run.status).toBe('succeeded');
      check(target.requests[0] as LoopbackServer['requests'][number]);
      expectNoSecrets(view);
      expect(JSON.stringify(view.run.output)).toContain('[redacted]');
    },
  );

  it('fails clearly, without retrying, when the credential does not exist', async () => {
    const target = await server(echo);
    const view = await setup(target).call(
      { url: target.origin, auth: { type: 'bearer', credential: 'nope' } },
      { maxAttempts: 3 },
    );
    expect(view.run.status).toBe('failed');
    expect(view.step('call').attempts).toHaveLength(1);
    expect(view.attempt('call').error?.message).toMatch(/Credential 'nope'.*not found/);
    expect(target.requests).toHaveLength(0);
  });

  it('retries a 5xx with the same idempotency key on every attempt', async () => {
    let calls = 0;
    const target = await server((_q, r) => {
      calls++;
      r.statusCode = calls === 1 ? 503 : 200;
      r.setHeader('content-type', 'application/json');
      r.end(calls === 1 ? '{"error":"busy"}' : '{"ok":true}');
    });
    const view = await setup(target).call(
      { method: 'PUT', url: `${target.origin}/x`, body: { v: 1 } },
      { maxAttempts: 3 },
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.step('call').attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    expect(view.step('call').attempts[0]?.error).toMatchObject({ code: 'HTTP_ERROR', retryable: true });
    const keys = target.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([`${view.run.id}:call`, `${view.run.id}:call`]);
  });

  it('honours Retry-After on 429', async () => {
    let calls = 0;
    const target = await server((_q, r) => {
      calls++;
      if (calls === 1) {
        r.statusCode = 429;
        r.setHeader('retry-after', '7');
      }
      r.end('done');
    });
    const { t, call } = setup(target);
    const start = t.clock.now();
    const view = await call({ url: target.origin }, { maxAttempts: 2 });
    expect(view.run.status).toBe('succeeded');
    expect(view.step('call').attempts[0]?.error).toMatchObject({
      code: 'RETRY_AFTER',
      details: { retryAfterMs: 7000 },
    });
    expect(t.clock.now() - start).toBeGreaterThanOrEqual(7000);
  });

  it('fails a 4xx for good, quoting the body (with any credential masked)', async () => {
    const target = await server((request, r) => {
      r.statusCode = 422;
      r.end(`bad request; you sent ${request.headers.authorization ?? ''}`);
    });
    const view = await setup(target).call(
      { method: 'POST', url: `${target.origin}/x`, body: {}, auth: { type: 'bearer', credential: 'token' } },
      { maxAttempts: 3 },
    );
    expect(view.run.status).toBe('failed');
    expect(view.step('call').attempts).toHaveLength(1);
    const error = view.attempt('call').error;
    expect(error).toMatchObject({ code: 'NON_RETRYABLE', retryable: false, details: { status: 422 } });
    expect(error?.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/x answered 422: bad request; you sent Bearer \[redacted\]/,
    );
    expectNoSecrets(view);
  });

  it('outputs 4xx responses instead of failing when ignoreHttpErrors is set', async () => {
    const target = await server((_q, r) => {
      r.statusCode = 404;
      r.end('missing');
    });
    const view = await setup(target).call({ url: target.origin, ignoreHttpErrors: true, response: 'text' });
    expect(view.run.output).toMatchObject({ status: 404, body: 'missing' });
  });

  it('stores a binary body as an artifact and references it', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const target = await server((_q, r) => {
      r.setHeader('content-type', 'image/png');
      r.end(png);
    });
    const { call, artifacts } = setup(target);
    const view = await call({ url: `${target.origin}/img/logo.png` });
    const body = (view.run.output as { body: Json }).body;
    expect(body).toEqual({
      artifact: { id: 'a1', name: 'logo.png', contentType: 'image/png', size: png.byteLength },
    });
    expect(Buffer.from(artifacts.files[0]?.data ?? [])).toEqual(png);
    expect(view.eventsOf('artifact.created', 'call')).toHaveLength(1);
  });

  it.each([
    {
      name: 'a loopback server that is not allow-listed',
      url: (s: LoopbackServer) => `${s.origin}/`,
      allow: [],
    },
    {
      name: 'another port on an allow-listed address',
      url: (s: LoopbackServer) => `http://127.0.0.1:${s.port + 1}/`,
      allow: ['127.0.0.1:1'],
    },
    { name: 'the metadata address', url: () => 'http://169.254.169.254/latest/meta-data/', allow: [] },
    { name: 'a private address', url: () => 'http://10.0.0.1/', allow: [] },
  ])('refuses $name before any connection', async ({ url, allow }) => {
    const target = await server(echo);
    const sockets = watchClientSockets();
    const view = await setup(target, allow).call({ url: url(target) }, { maxAttempts: 3 });
    sockets.stop();
    expect(sockets.count).toBe(0);
    expect(view.run.status).toBe('failed');
    expect(view.attempt('call').error).toMatchObject({ code: 'EGRESS_BLOCKED', retryable: false });
    expect(view.step('call').attempts).toHaveLength(1);
    expect(target.connections).toBe(0);
  });
});
