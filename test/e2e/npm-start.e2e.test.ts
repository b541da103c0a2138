/**
 * `npm start` as a person runs it: it comes up, and Ctrl-C (SIGINT to the whole
 * foreground process group, as a terminal sends it) leaves nothing running.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function processesInGroup(pgid: number): string[] {
  try {
    return execFileSync('pgrep', ['-a', '-g', String(pgid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-a', '-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function npmStart(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let out = '';
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true, // its own process group, like a terminal's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it('when started and then stopped with Ctrl-C, then no process of ours is left running', async () => {
    const data = tempDir('tingzi-start-');
    const { child, output, exited } = npmStart({
      HUB_PORT: '0',
      RIG_PORT: '0',
      AGENT_PORT: '0',
      DATA_DIR: data.dir,
    });
    await waitFor(() => output().includes('Press Ctrl-C'), 60_000, `npm start to come up:\n${output()}`);
    expect(output()).toMatch(/Kiosk screen\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(output()).toMatch(/Hardware rig\s+http:\/\/127\.0\.0\.1:\d+\/rig\//);
    expect(output()).toContain('healthy');
    const pgid = child.pid!;
    expect(processesMentioning(data.dir).some((p) => p.includes('socat'))).toBe(true);

    process.kill(-pgid, 'SIGINT');
    await exited;
    await waitFor(() => processesInGroup(pgid).length === 0, 5000, 'the process group to empty');
    expect(processesInGroup(pgid)).toEqual([]);
    expect(processesMentioning(data.dir)).toEqual([]);
    data.remove();
  }, 90_000);

  it('when a port is taken, then it says which and which variable to change, and leaves nothing running', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const data = tempDir('tingzi-port-');
    const { child, output, exited } = npmStart({
      HUB_PORT: '0',
      RIG_PORT: String(port),
      AGENT_PORT: '0',
      DATA_DIR: data.dir,
    });
    const code = await exited;
    expect(code).toBe(1);
    expect(output()).toContain(`Port ${port} is already in use. Set RIG_PORT to a free port.`);
    expect(processesInGroup(child.pid!)).toEqual([]);
    blocker.close();
    data.remove();
  }, 90_000);

  it('when the hub data file is corrupt, then it says so, leaves the file as it was and nothing running', async () => {
    const data = tempDir('tingzi-corrupt-');
    const file = path.join(data.dir, 'hub.sqlite');
    const garbage = Buffer.from('not a database, but somebody wants it back\n'.repeat(100));
    writeFileSync(file, garbage);
    const { child, output, exited } = npmStart({
      HUB_PORT: '0',
      RIG_PORT: '0',
      AGENT_PORT: '0',
      DATA_DIR: data.dir,
    });
    expect(await exited).toBe(1);
    expect(output()).toContain(`The data file ${file} is not a healthy sqlite database`);
    expect(output()).toContain('left untouched');
    expect(readFileSync(file).equals(garbage)).toBe(true);
    expect(processesInGroup(child.pid!)).toEqual([]);
    data.remove();
  }, 90_000);
});
