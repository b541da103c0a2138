import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';

const MAIN = join(import.meta.dirname, '../../../hardware/rig/main.ts');

function runRig(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text += chunk;
  });
  return () => text;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function processesMentioning(text: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-af', text]);
    return stdout.trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('npm run rig (hardware/rig/main.ts)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-main-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when started, then it prints one ready line; on SIGTERM it exits 0 and leaves no socat', async () => {
    const child = runRig({ RIG_PORT: '0', DATA_DIR: dataDir });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const url = await until(
      () => /^rig ready (http:\/\/127\.0\.0\.1:\d+\/rig\/)\n$/.exec(stdout())?.[1],
      15_000,
      `the ready line (stderr: ${stderr()})`,
    );
    const { devices } = (await (await fetch(`${url}api/devices`)).json()) as { devices: { tty: string }[] };
    expect(devices[0]!.tty).toBe(join(dataDir, 'rig', 'printer'));
    expect(existsSync(devices[0]!.tty)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(await processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(devices[0]!.tty)).toBe(false);
  });

  it('when the port is taken, then it says so on stderr and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = runRig({ RIG_PORT: String(port), DATA_DIR: dataDir });
      const stdout = collect(child.stdout);
      const stderr = collect(child.stderr);
      expect(await exited(child)).toBe(1);
      expect(stderr()).toContain(`Port ${port} is already in use. Set RIG_PORT to a free port.`);
      expect(stdout()).toBe('');
      expect(await processesMentioning(dataDir)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
