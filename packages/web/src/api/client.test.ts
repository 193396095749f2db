import { apiRoutes } from '@weft/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from './client.ts';
import { ApiError, NetworkError } from './errors.ts';

describe('call', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fills path params and query, sends JSON, and returns the parsed answer', async () => {
    const fetchMock = vi.fn(async () => Response.json({ run: { id: 'r1' } }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const answer = await call(apiRoutes.startRun, { params: { id: 'wf 1' }, body: { input: { topic: 'x' } } });
    expect(answer.run.id).toBe('r1');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/workflows/wf%201/runs');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ input: { topic: 'x' } });
  });

  it('turns an error answer into an ApiError with code, path and workflow problems', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        {
          error: {
            code: 'INVALID_WORKFLOW',
            message: 'The workflow has 1 problem',
            path: 'body',
            details: { problems: [{ path: 'nodes[0].type', message: "Unknown node type 'lm'" }] },
          },
        },
        { status: 400 },
      ),
    );
    const error = await call(apiRoutes.createWorkflow, { body: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_WORKFLOW', path: 'body' });
    expect((error as ApiError).problems).toEqual([{ path: 'nodes[0].type', message: "Unknown node type 'lm'" }]);
  });

  it('reports an unreachable server as a NetworkError', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(call(apiRoutes.health)).rejects.toBeInstanceOf(NetworkError);
  });
});
