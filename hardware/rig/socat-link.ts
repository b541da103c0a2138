import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Logger } from 'pino';

/** Thrown when `socat` is not installed: says how to install it. */
export class SocatMissingError extends Error {
  readonly code = 'socat-missing';
  constructor() {
    super(
      'socat is not installed (it makes the pseudo-terminal pairs the simulated serial devices use): apt-get install -y socat',
    );
    this.name = 'SocatMissingError';
  }
}

/** The absolute path of `socat` on PATH, or null. */
export function findSocat(pathEnv = process.env.PATH ?? ''): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'socat');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export interface SocatLinkOptions {
  /** Two symlinks socat creates, one to each pty of the pair. */
  linkA: string;
  linkB: string;
  logger: Logger;
  /** How long to wait for both links. */
  readyTimeoutMs?: number;
}

/**
 * One `socat` process joining two pseudo-terminals, each reachable through a
 * symlink: a null-modem cable in software. Stopping it makes both ttys
 * disappear, which is how the rig "unplugs" a serial device.
 */
export class SocatLink {
  private child: ChildProcess | undefined;
  private alive = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly socat: string;

  constructor(private readonly options: SocatLinkOptions) {
    const socat = findSocat();
    if (!socat) throw new SocatMissingError();
    this.socat = socat;
  }

  get running(): boolean {
    return this.alive;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns socat and resolves once both links exist. */
  async start(): Promise<void> {
    if (this.running) return;
    const { linkA, linkB, logger, readyTimeoutMs = 5000 } = this.options;
    // A socat killed with SIGKILL leaves its links behind; they would look ready at once.
    await Promise.all([rm(linkA, { force: true }), rm(linkB, { force: true })]);
    const child = spawn(
      this.socat,
      ['-d', '-d', `pty,raw,echo=0,link=${linkA}`, `pty,raw,echo=0,link=${linkB}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    this.alive = true;
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr = (stderr + text).slice(-2000);
      for (const line of text.trim().split('\n')) logger.debug({ pid: child.pid }, line);
    });
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        logger.debug({ pid: child.pid, code, signal }, 'socat exited');
        this.alive = false;
        resolve();
      });
      child.once('error', (err) => {
        logger.error({ err }, 'socat failed to start');
        this.alive = false;
        resolve();
      });
    });
    const deadline = Date.now() + readyTimeoutMs;
    while (!(existsSync(linkA) && existsSync(linkB))) {
      if (!this.running) {
        throw new Error(`socat exited before creating ${linkA} and ${linkB}: ${stderr.trim()}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`socat did not create ${linkA} and ${linkB} within ${readyTimeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    logger.debug({ pid: child.pid, linkA, linkB }, 'pty pair ready');
  }

  /** Ends socat (SIGTERM, then SIGKILL after `graceMs`) and resolves once it has exited and its links are gone. */
  async stop(graceMs = 1000): Promise<void> {
    const child = this.child;
    if (child && this.running) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(killer);
    }
    await this.exited;
    await Promise.all([rm(this.options.linkA, { force: true }), rm(this.options.linkB, { force: true })]);
  }
}
