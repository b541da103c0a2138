import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One built web app: its folder (with vite.config.ts and dist/) and the shared files it imports. */
interface WebApp {
  label: string;
  dir: string;
  shared: string[];
}

const KIOSK_UI: WebApp = {
  label: 'kiosk UI',
  dir: path.join(ROOT, 'kiosk-ui'),
  shared: ['kiosk-agent/api/contract.ts', 'hardware/common/device-status.ts'],
};
const CONSOLE: WebApp = { label: 'console', dir: path.join(ROOT, 'hub-server/console'), shared: [] };

/** Every file that shapes a built app, so a change to any of them triggers a rebuild. */
async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else out.push(full);
  }
  return out;
}

/** A hash of an app's sources, the shared contract types it imports, and the toolchain versions. */
async function sourceHash(app: WebApp): Promise<string> {
  const files = [
    ...(await sourceFiles(app.dir)),
    ...app.shared.map((f) => path.join(ROOT, f)),
    path.join(ROOT, 'package-lock.json'),
    path.join(ROOT, 'tsconfig.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const f of files) {
    if (!existsSync(f)) continue;
    hash.update(path.relative(ROOT, f));
    hash.update(await readFile(f));
  }
  return hash.digest('hex');
}

/** Builds `<app>/dist` only when its sources changed since the last build. Returns whether it built. */
async function ensureBuilt(app: WebApp, log: (line: string) => void): Promise<boolean> {
  const dist = path.join(app.dir, 'dist');
  const stamp = path.join(dist, '.source-hash');
  const want = await sourceHash(app);
  const have = existsSync(stamp) ? (await readFile(stamp, 'utf8')).trim() : '';
  if (have === want && existsSync(path.join(dist, 'index.html'))) return false;
  log(`Building the ${app.label} (its sources changed)…`);
  const { build } = await import('vite');
  await build({ configFile: path.join(app.dir, 'vite.config.ts'), logLevel: 'warn' });
  // Vite leaves esbuild's service process running; stop it (and wait for it) so that a start
  // that fails right after a build leaves no orphan behind to become a zombie.
  await (await import('esbuild')).stop();
  await writeFile(stamp, `${want}\n`);
  return true;
}

/** A hash of the kiosk UI's sources, the shared contract types it imports, and the toolchain versions. */
export function uiSourceHash(): Promise<string> {
  return sourceHash(KIOSK_UI);
}

/** Builds kiosk-ui/dist only when its sources changed since the last build. Returns whether it built. */
export function ensureUiBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  return ensureBuilt(KIOSK_UI, log);
}

/** Builds hub-server/console/dist only when its sources changed since the last build. */
export function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  return ensureBuilt(CONSOLE, log);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] === 'console' ? CONSOLE : KIOSK_UI;
  const built = await ensureBuilt(which, console.log);
  console.log(built ? `${which.label} built` : `${which.label} is up to date`);
}
