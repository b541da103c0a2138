/**
 * Builds the kiosk UI into kiosk-ui/dist, which the agent serves at `/`.
 * JSX settings come from tsconfig.json (react-jsx, jsxImportSource preact).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // The kiosk runs a current Chromium; no legacy transforms needed.
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  css: {
    modules: { localsConvention: 'camelCaseOnly' },
  },
});
