/**
 * Builds the component gallery with Vite (the kiosk UI's CSS-module and JSX settings) into a
 * temporary directory and serves it over 127.0.0.1 on a free port.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { tempDir } from '../../support/temp-dir.ts';

const GALLERY = fileURLToPath(new URL('.', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Gallery {
  url: string;
  /** The built files, for checking how the code was split. */
  outDir: string;
  close(): Promise<void>;
}

export async function serveGallery(): Promise<Gallery> {
  const temp = tempDir('tingzi-gallery-');
  const outDir = path.join(temp.dir, 'dist');
  await build({
    root: GALLERY,
    configFile: false,
    base: '/',
    publicDir: false,
    logLevel: 'warn',
    css: { modules: { localsConvention: 'camelCaseOnly' } },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
  });
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.join(outDir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(outDir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    outDir,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      temp.remove();
    },
  };
}
