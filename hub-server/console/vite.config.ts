/**
 * Builds the maintainers' console into hub-server/console/dist, which the hub serves at `/console/`.
 * JSX settings come from tsconfig.json (react-jsx, jsxImportSource preact).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig(({ command, mode }) => ({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // Maintainers use current browsers on desk and phone.
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  css: {
    modules: { localsConvention: 'camelCaseOnly' },
  },
  // `vite dev` proxies the API to a hub on its default port.
  server: { proxy: { '/api': 'http://127.0.0.1:7400' } },
  ...(command === 'build' && mode === 'production'
    ? {
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        esbuild: { jsxDev: false },
      }
    : {}),
}));
