import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/temp-dir.ts';
import { type BenchRow, median } from './table.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Spawns a command in its own process group and resolves with ms until its stdout contains `marker`; then stops it. */
function timeUntil(
  command: string,
  args: string[],
  env: Record<string, string>,
  marker: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, stopped as a terminal's Ctrl-C stops it
    });
    let out = '';
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`no "${marker}" within 60 s:\n${out}`));
    }, 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(marker)) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.once('exit', () => resolve(ms));
        process.kill(-child.pid!, 'SIGINT');
      }
    });
  });
}

/**
 * Time from typing `npm start` (after install and build) to everything healthy: hub
 * answering, agent connected to it, printer online over the rig's socat pty.
 * Baseline: one bare node+tsx process that starts an HTTP server.
 */
export async function benchStartup(runs = 3): Promise<BenchRow[]> {
  const data = tempDir('tingzi-bench-start-');
  const hello = path.join(data.dir, 'hello.ts');
  writeFileSync(
    hello,
    "import { createServer } from 'node:http';\nconst s = createServer((_q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('listening'));\nprocess.on('SIGINT', () => s.close(() => process.exit(0)));\n",
  );
  const stack: number[] = [];
  const bare: number[] = [];
  const env = { HUB_PORT: '0', RIG_PORT: '0', AGENT_PORT: '0', DATA_DIR: data.dir };
  for (let i = 0; i < runs; i++) {
    bare.push(await timeUntil(process.execPath, ['--import', 'tsx', hello], {}, 'listening'));
    stack.push(await timeUntil('npm', ['start', '--silent'], env, 'Press Ctrl-C'));
  }
  data.remove();
  const s = median(stack);
  const b = median(bare);
  return [
    {
      benchmark: `npm start → all healthy (median of ${runs})`,
      value: `${(s / 1000).toFixed(2)} s`,
      baseline: `${(b / 1000).toFixed(2)} s bare node+tsx server`,
      ratio: `${(s / b).toFixed(1)}×`,
      target: '< 5 s',
      ok: s < 5000,
    },
  ];
}
