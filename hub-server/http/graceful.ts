import type { Server } from 'node:http';

export interface CloseOptions {
  /** After this long, connections still open are destroyed. */
  timeoutMs: number;
  /** How often idle keep-alive connections are swept while requests finish. */
  sweepMs?: number;
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive
 * connections at once (and each one as its last response ends), and destroys whatever is
 * still open after `timeoutMs`. Resolves `{ forced }`: whether the timeout had to cut anyone off.
 */
export function closeServer(
  server: Server,
  { timeoutMs, sweepMs = 50 }: CloseOptions,
): Promise<{ forced: boolean }> {
  return new Promise((resolve, reject) => {
    let forced = false;
    // A keep-alive client that sends one more request while we drain is told to go away after it.
    const closeAfter = (
      _req: unknown,
      res: { headersSent: boolean; setHeader(k: string, v: string): void },
    ) => {
      if (!res.headersSent) res.setHeader('connection', 'close');
    };
    server.on('request', closeAfter);
    const sweep = setInterval(() => server.closeIdleConnections(), sweepMs);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    server.close((err) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      server.off('request', closeAfter);
      // Closing a server that was never listening is not a failure of shutdown.
      if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
      else resolve({ forced });
    });
    server.closeIdleConnections();
  });
}
