/**
 * `npm run build:agent`: the kiosk agent compiled to one ES module, `build/agent.mjs`, which is
 * what a kiosk PC runs (`node build/agent.mjs`, see deploy/tingzi-agent.service). Without the
 * tsx loader the agent starts in under a second and idles in about half the memory.
 * npm packages stay external (node_modules next to it); the agent's SQL migrations are copied beside it.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds into `outDir` (default `<repo>/build`): `agent.mjs` and `migrations/`. Must sit one level below the repo root, beside `kiosk-ui/`. */
export async function buildAgent(outDir = path.join(ROOT, 'build')): Promise<string> {
  if (path.dirname(path.resolve(outDir)) !== path.resolve(ROOT)) {
    throw new Error(
      `${outDir} must be a folder directly in ${ROOT}: the agent finds ../kiosk-ui/dist from there`,
    );
  }
  rmSync(path.join(outDir, 'migrations'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, 'agent.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'kiosk-agent/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outfile: entry,
    logLevel: 'warning',
  });
  cpSync(path.join(ROOT, 'kiosk-agent/store/migrations'), path.join(outDir, 'migrations'), {
    recursive: true,
  });
  return entry;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`built ${path.relative(process.cwd(), await buildAgent())}`);
}
