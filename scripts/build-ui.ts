import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UI = path.join(ROOT, 'kiosk-ui');
const DIST = path.join(UI, 'dist');
const STAMP = path.join(DIST, '.source-hash');

/** Every file that shapes the built kiosk UI, so a change to any of them triggers a rebuild. */
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

/** A hash of the kiosk UI's sources, the shared contract types it imports, and the toolchain versions. */
export async function uiSourceHash(): Promise<string> {
  const files = [
    ...(await sourceFiles(UI)),
    path.join(ROOT, 'kiosk-agent/api/contract.ts'),
    path.join(ROOT, 'hardware/common/device-status.ts'),
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

/** Builds kiosk-ui/dist only when its sources changed since the last build. Returns whether it built. */
export async function ensureUiBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  const want = await uiSourceHash();
  const have = existsSync(STAMP) ? (await readFile(STAMP, 'utf8')).trim() : '';
  if (have === want && existsSync(path.join(DIST, 'index.html'))) return false;
  log('Building the kiosk UI (its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(UI, 'vite.config.ts'), logLevel: 'warn' });
  await writeFile(STAMP, `${want}\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await ensureUiBuilt(console.log);
  console.log(built ? 'kiosk UI built' : 'kiosk UI is up to date');
}
