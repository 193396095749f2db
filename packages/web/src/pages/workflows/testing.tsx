import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ToastProvider } from '../../ui/toasts.tsx';

/** Test support for the pages' component tests: providers around a page, and a fake API. */

export function renderPage(ui: ReactNode, { path = '/' }: { path?: string } = {}) {
  const location = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <Router hook={location.hook} searchHook={location.searchHook}>
          {ui}
        </Router>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...view, location, client };
}

export interface FakeRequest {
  method: string;
  url: URL;
  body: string | undefined;
  headers: Record<string, string>;
}

type Handler = (request: FakeRequest) => Response | Promise<Response>;

/** A JSON answer as the API sends it. */
export function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
}

/** An error answer in the API's shape. */
export function apiError(status: number, error: { code: string; message: string; path?: string; details?: unknown }): Response {
  return json({ error }, status);
}

/**
 * Replaces `fetch` with routes like `'GET /api/workflows'` (path without query; `*` matches one
 * segment). Unknown requests answer 404, so a test sees what it forgot. Returns the mock to inspect calls.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const mock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://weft.test');
    const request: FakeRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      body: typeof init.body === 'string' ? init.body : undefined,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
    };
    requests.push(request);
    for (const [route, handler] of Object.entries(routes)) {
      const [method, pattern = ''] = route.split(' ');
      const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`);
      if (method === request.method && regex.test(url.pathname)) return handler(request);
    }
    return apiError(404, { code: 'NOT_FOUND', message: `No fake for ${request.method} ${url.pathname}` });
  });
  vi.stubGlobal('fetch', mock);
  return { mock, requests };
}
