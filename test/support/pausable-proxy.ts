import net from 'node:net';

/**
 * `pass` forwards both ways; `hold-requests` swallows what the client sends, so a request never
 * reaches the far end; `drop-responses` forwards requests but swallows the answers, so the far
 * end acts and the client never hears.
 */
export type ProxyMode = 'pass' | 'hold-requests' | 'drop-responses';

export interface PausableProxy {
  port: number;
  url: string;
  setMode(mode: ProxyMode): void;
  /** Resolves once the client has sent `text` (seen whatever the mode). */
  sawRequest(text: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 (port 0) in front of `targetPort`, for making a lost request or answer deterministic. */
export async function pausableProxy(targetPort: number): Promise<PausableProxy> {
  let mode: ProxyMode = 'pass';
  let sent = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      sent = (sent + chunk.toString('latin1')).slice(-1_000_000);
      if (mode !== 'hold-requests') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (mode !== 'drop-responses') client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setMode: (m) => {
      mode = m;
    },
    async sawRequest(text, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!sent.includes(text)) {
        if (Date.now() > deadline) throw new Error(`the proxy never saw ${text}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
