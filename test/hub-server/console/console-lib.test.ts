import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, queryString } from '../../../hub-server/console/src/lib/api.ts';
import { appPath, href, match } from '../../../hub-server/console/src/lib/router.ts';
import { t } from '../../../hub-server/console/src/messages/index.ts';

describe('console router', () => {
  it('when a /console path is read, then the app path drops the base and any trailing slash', () => {
    expect(appPath('/console')).toBe('/');
    expect(appPath('/console/')).toBe('/');
    expect(appPath('/console/kiosks/gl-01/')).toBe('/kiosks/gl-01');
    expect(appPath('/elsewhere')).toBe('/');
    expect(href('/')).toBe('/console/');
    expect(href('/alerts')).toBe('/console/alerts');
  });

  it('when a pattern is matched, then params are decoded, and a different shape does not match', () => {
    expect(match('/kiosks/:id', '/kiosks/gl%2D01')).toEqual({ id: 'gl-01' });
    expect(match('/kiosks/:id', '/kiosks')).toBeNull();
    expect(match('/kiosks/:id', '/alerts/x')).toBeNull();
    expect(match('/alerts', '/alerts')).toEqual({});
  });
});

describe('console API client', () => {
  const reply = (status: number, body?: unknown, type = 'application/json') =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': type },
    });

  it('when a call changes state, then it carries the CSRF token; a GET does not', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const api = createApiClient(async (url, init) => {
      seen.push({ url, init });
      return reply(200, { ok: true });
    });
    api.setCsrfToken('tok-1');
    await api.get('/fleet', { district: '鼓楼区', state: '', limit: 20, q: undefined });
    await api.post('/kiosks/a/maintenance', { on: true });
    expect(seen[0]?.url).toBe(`/api/v1/console/fleet${queryString({ district: '鼓楼区', limit: 20 })}`);
    expect((seen[0]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect((seen[1]!.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok-1');
    expect(seen[1]?.init.body).toBe('{"on":true}');
  });

  it('when the hub answers with the error envelope, then the ApiError carries its code and message', async () => {
    const api = createApiClient(async () =>
      reply(429, { error: { code: 'too-many-attempts', message: 'Wait a minute and retry.' } }),
    );
    const err = await api.post('/login', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 429,
      code: 'too-many-attempts',
      message: 'Wait a minute and retry.',
    });
  });

  it('when the session has ended, then the signed-out listeners run; a non-envelope error still has a message', async () => {
    let signedOut = 0;
    const api = createApiClient(async (url) =>
      url.endsWith('/me')
        ? reply(401, { error: { code: 'not-signed-in', message: 'Sign in first.' } })
        : reply(502, '<html>bad gateway</html>', 'text/html'),
    );
    api.onSignedOut(() => signedOut++);
    await api.get('/me').catch(() => {});
    expect(signedOut).toBe(1);
    const err = await api.get('/fleet').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: 'http-error', message: 'HTTP 502' });
    const down = createApiClient(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await down.get('/fleet').catch((e: unknown) => e)).toMatchObject({ code: 'network-error' });
  });

  it('when a message has placeholders, then they are filled', () => {
    expect(t('fleet.page', { from: 1, to: 20, total: 42 })).toBe('第 1–20 台，共 42 台');
  });
});
