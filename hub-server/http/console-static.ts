import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where `npm run build:console` puts the console web app. */
export const CONSOLE_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台尚未构建</title>
<body><h1>控制台尚未构建 · The console is not built</h1>
<p>请运行 <code>npm run build:console</code> 后刷新本页。Run <code>npm run build:console</code>, then reload.</p></body></html>`;

/**
 * Serves the console web app at /console: hashed assets cached for a year, index.html never cached,
 * any other /console/* path that is not a file answered with index.html (the app routes it). `/` redirects.
 * When the build is missing, a plain 503 page says how to build it.
 */
export function consoleStatic(dist: string = CONSOLE_DIST): Router {
  const router = Router();
  const index = path.join(dist, 'index.html');
  // Exact paths: Express routing is not strict, so a `get('/console')` would also catch `/console/`.
  router.get(/^\/(console)?$/, (_req, res) => res.redirect(302, '/console/'));
  router.use(
    '/console/assets',
    express.static(path.join(dist, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
    }),
  );
  router.get(/^\/console\/.*/, (req, res, next) => {
    if (!existsSync(index)) {
      res.status(503).type('html').set('cache-control', 'no-store').send(MISSING);
      return;
    }
    // A missing asset is a 404, not the app's page.
    if (req.path.startsWith('/console/assets/')) return next();
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
