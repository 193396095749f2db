import { describe, expect, it } from 'vitest';
import { followRedirect } from './redirects.ts';
import type { PendingRequest } from './redirects.ts';

const body = new TextEncoder().encode('{"a":1}');
const post = (url: string): PendingRequest => ({
  url: new URL(url),
  method: 'POST',
  headers: {
    authorization: 'Bearer t',
    cookie: 'c=1',
    'x-api-key': 'k',
    'content-type': 'application/json',
    'x-trace': '1',
  },
  body,
});

describe('followRedirect', () => {
  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [303, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ])('after POST, %i continues as %s', (status, method) => {
    const next = followRedirect(post('https://a.example/x'), status, '/y');
    expect(next.method).toBe(method);
    expect(next.body).toBe(method === 'POST' ? body : undefined);
    expect('content-type' in next.headers).toBe(method === 'POST');
  });

  it('turns 303 into GET for PUT but keeps HEAD', () => {
    expect(followRedirect({ ...post('https://a.example/'), method: 'PUT' }, 303, '/').method).toBe('GET');
    expect(
      followRedirect({ ...post('https://a.example/'), method: 'HEAD', body: undefined }, 303, '/').method,
    ).toBe('HEAD');
  });

  it('resolves relative locations and keeps credentials on the same origin', () => {
    const next = followRedirect(post('https://u:p@a.example/dir/page'), 307, 'other?q=1#frag');
    expect(next.url.href).toBe('https://u:p@a.example/dir/other?q=1');
    expect(next.headers.authorization).toBe('Bearer t');
  });

  it.each(['https://b.example/', 'http://a.example/', 'https://a.example:8443/'])(
    'strips credentials when redirected to %s',
    (location) => {
      const next = followRedirect(post('https://u:p@a.example/'), 307, location);
      expect(next.headers).toEqual({ 'content-type': 'application/json', 'x-trace': '1' });
      expect(next.url.username + next.url.password).toBe('');
    },
  );

  it('drops user info placed in a cross-origin Location', () => {
    expect(followRedirect(post('https://a.example/'), 302, 'https://x:y@b.example/').url.href).toBe(
      'https://b.example/',
    );
  });

  it('rejects an unparsable Location', () => {
    expect(() => followRedirect(post('https://a.example/'), 302, 'http://[::1')).toThrow(/invalid URL/);
  });
});
