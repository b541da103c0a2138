import type { Server } from 'node:http';
import type { Express } from 'express';

/** Serves `app` on 127.0.0.1 port 0; returns its base URL and a close function. */
export async function serve(app: Express): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1');
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A pino destination that keeps every line, parsed. */
export function captureLines(): { lines: Record<string, unknown>[]; raw: string[]; write(s: string): void } {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  return {
    raw,
    lines,
    write(s: string) {
      raw.push(s);
      lines.push(JSON.parse(s));
    },
  };
}
