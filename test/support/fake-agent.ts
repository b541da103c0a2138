/**
 * A stand-in for the kiosk agent's local API, for looking at and testing the
 * kiosk UI without hardware or a hub: serves kiosk-ui/dist over HTTP on
 * 127.0.0.1 and `WS /agent/events`, which says hello and then whatever the
 * caller pushes. Run it alone to look at the UI in a browser:
 *
 *   npx tsx test/support/fake-agent.ts [port]
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import type {
  AgentEvent,
  AgentStatus,
  DeviceStatus,
  HubConnectivity,
} from '../../kiosk-agent/api/contract.ts';

export const KIOSK_UI_DIST = fileURLToPath(new URL('../../kiosk-ui/dist/', import.meta.url));

export interface FakeAgentOptions {
  /** The built UI; kiosk-ui/dist by default. */
  uiDir?: string;
  /** What the hello says; `demoStatus()` by default. */
  status?: AgentStatus;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface FakeAgent {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Sends an event to every connected screen; later hellos include it too. */
  push(event: AgentEvent): void;
  /** The picture a newly connecting screen is greeted with. */
  status(): AgentStatus;
  /** Drops every screen's socket, as an agent restart would. */
  dropClients(): void;
  /** While true, sockets are closed as soon as they open, as if the agent were down. */
  refuseConnections(refuse: boolean): void;
  clientCount(): number;
  /** The resident sessions the screen opened (`POST /agent/session/start`) and ended, in order. */
  sessions: { started: string[]; ended: { sessionId: string | null; reason: string }[] };
  close(): Promise<void>;
}

/** 鼓楼区东街口社区服务亭 with its printer online, paper ok, and the hub connected. */
export function demoStatus(now = new Date()): AgentStatus {
  const since = now.toISOString();
  return {
    kioskId: 'gl-dongjie-01',
    kiosk: {
      id: 'gl-dongjie-01',
      name: '鼓楼区东街口社区服务亭',
      address: '福州市鼓楼区东街街道东街口',
      timeZone: 'Asia/Shanghai',
    },
    hub: { connected: true, since },
    link: { enrollment: 'enrolled', lastHeartbeatAt: since },
    maintenance: { on: false, since },
    devices: [
      { device: 'printer', state: 'online', detail: { paper: 'ok', cover: 'closed', online: true }, since },
    ],
    version: '0.1.0',
    uptimeSeconds: 0,
  };
}

/** A printer status, for pushing: `printerStatus('fault', { paper: 'out' })`. */
export function printerStatus(state: DeviceStatus['state'], detail: Record<string, unknown>): DeviceStatus {
  return {
    device: 'printer',
    state,
    detail: { paper: 'ok', cover: 'closed', online: state !== 'offline', ...detail },
    since: new Date().toISOString(),
  };
}

/** Hub connectivity, for pushing: `hubStatus(false, 'cannot reach the hub (ECONNREFUSED)')`. */
export function hubStatus(connected: boolean, reason?: string): HubConnectivity {
  return { connected, since: new Date().toISOString(), ...(reason ? { reason } : {}) };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startFakeAgent(options: FakeAgentOptions = {}): Promise<FakeAgent> {
  const uiDir = path.resolve(options.uiDir ?? KIOSK_UI_DIST);
  let current: AgentStatus = structuredClone(options.status ?? demoStatus());
  const sessions: FakeAgent['sessions'] = { started: [], ended: [] };

  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/agent/session/')) {
      sessionRoute(req, res, sessions);
      return;
    }
    serve(uiDir, current, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ server, path: '/agent/events' });
  let refusing = false;
  wss.on('connection', (ws) => {
    if (refusing) ws.terminate();
    else send(ws, { type: 'agent.hello', status: current });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    push(event) {
      current = apply(current, event);
      for (const ws of wss.clients) send(ws, event);
    },
    status: () => current,
    dropClients() {
      for (const ws of wss.clients) ws.terminate();
    },
    refuseConnections(refuse) {
      refusing = refuse;
    },
    clientCount: () => wss.clients.size,
    sessions,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function apply(status: AgentStatus, event: AgentEvent): AgentStatus {
  switch (event.type) {
    case 'agent.hello':
      return event.status;
    case 'hub.status':
      return { ...status, hub: event.hub };
    case 'device.status': {
      const others = status.devices.filter((d) => d.device !== event.status.device);
      return { ...status, devices: [...others, event.status] };
    }
    case 'maintenance':
      return { ...status, maintenance: event.maintenance };
    // Device happenings and sessions change nothing in the status picture.
    case 'device.event':
    case 'id.card.read':
    case 'session.started':
    case 'session.ended':
      return status;
  }
}

/** `POST /agent/session/start|end`, as the agent answers them, recorded for the test to read. */
function sessionRoute(req: IncomingMessage, res: ServerResponse, sessions: FakeAgent['sessions']): void {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/agent/session/start') {
      const sessionId = `fake-session-${sessions.started.length + 1}`;
      sessions.started.push(sessionId);
      res.end(JSON.stringify({ sessionId }));
      return;
    }
    const reason = (JSON.parse(body || '{}') as { reason?: string }).reason ?? '';
    const sessionId = req.headers['x-session-id'];
    sessions.ended.push({ sessionId: typeof sessionId === 'string' ? sessionId : null, reason });
    res.end(JSON.stringify({ sessionId: sessionId ?? null, ended: true }));
  });
}

function send(ws: WebSocket, event: AgentEvent): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
}

async function serve(uiDir: string, status: AgentStatus, req: IncomingMessage, res: ServerResponse) {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (pathname === '/agent/status') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(status));
    return;
  }
  // Only files inside uiDir; anything else gets the app, as the agent's SPA fallback does.
  const wanted = path.resolve(uiDir, `.${decodeURIComponent(pathname)}`);
  const inside = wanted.startsWith(uiDir + path.sep) && path.extname(wanted) !== '';
  const file = inside ? wanted : path.join(uiDir, 'index.html');
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(inside ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(inside ? 'not found' : 'The kiosk UI is not built yet: run `npm run build:ui`.');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const agent = await startFakeAgent({ port: Number(process.argv[2] ?? 0) });
  console.log(`fake agent: ${agent.url}  (Ctrl+C to stop)`);
}
