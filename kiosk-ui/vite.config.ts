/**
 * Builds the kiosk UI into kiosk-ui/dist, which the agent serves at `/`.
 * JSX settings come from tsconfig.json (react-jsx, jsxImportSource preact).
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig(({ command, mode }) => ({
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
  // A production build leaves out XState's development bundle, dev checks and JSX source
  // paths even when the caller's NODE_ENV says otherwise (vitest sets it to 'test' when a
  // test builds the UI).
  ...(command === 'build' && mode === 'production'
    ? {
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        esbuild: { jsxDev: false },
        resolve: {
          conditions: defaultClientConditions.map((c) => (c === 'development|production' ? 'production' : c)),
        },
      }
    : {}),
}));
