import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleStatic } from '../../../hub-server/http/console-static.ts';
import { tempDir } from '../../support/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(dist: string): Promise<string> {
  const app = express();
  app.use(consoleStatic(dist));
  app.use((_req, res) => res.status(404).json({ error: { code: 'not-found', message: 'nope' } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function builtDist(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  mkdirSync(path.join(t.dir, 'assets'));
  writeFileSync(path.join(t.dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(t.dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return t.dir;
}

describe('console static serving', () => {
  it('when a console path is not a file, then index.html is served without caching', async () => {
    const url = await serve(builtDist());
    for (const p of ['/console/', '/console/kiosks/gl-01', '/console/alerts']) {
      const res = await fetch(url + p);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>console</title>');
    }
  });

  it('when an asset is asked for, then it is cached for a year; a missing asset is a 404', async () => {
    const url = await serve(builtDist());
    const res = await fetch(`${url}/console/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/console/assets/missing.js`)).status).toBe(404);
  });

  it('when the console is not built, then a 503 page says to run npm run build:console', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const url = await serve(path.join(t.dir, 'dist'));
    const res = await fetch(`${url}/console/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:console');
  });

  it('when /console or / is asked for, then it redirects to /console/; other paths pass through', async () => {
    const url = await serve(builtDist());
    for (const p of ['/', '/console']) {
      const res = await fetch(url + p, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/console/');
    }
    expect((await fetch(`${url}/api/v1/nope`)).status).toBe(404);
  });
});
