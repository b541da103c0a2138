import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { AgentEvent, AgentStatus, ScreenMessage } from './contract.ts';

export interface LocalApiDeps {
  logger: Logger;
  /** The built kiosk-ui (its `index.html` and assets). */
  uiDir: string;
  status(): AgentStatus;
  /** A message from a kiosk screen (which screen it shows). */
  onScreenMessage?: (message: Extract<ScreenMessage, { type: 'ui.screen' }>) => void;
  /** More `/agent/*` routes (device commands, session), mounted before the 404. */
  routes?: Router[];
  /** Whether a socket asking to join this session may: only the current session's id is accepted. */
  canJoinSession?: (sessionId: string) => boolean;
}

/** A screen's socket, tagged with the resident session it belongs to (if any). */
type ScreenSocket = WebSocket & { alive?: { value: boolean }; sessionId?: string };

export interface LocalApi {
  server: Server;
  /** Pushes one event to every connected kiosk screen. */
  broadcast(event: AgentEvent): void;
  /** Pushes an event (personal data) only to the sockets of that session. */
  sendToSession(sessionId: string, event: AgentEvent): void;
  /** Every open socket now belongs to this session (undefined: to none). */
  bindSession(sessionId: string | undefined): void;
  clientCount(): number;
  close(): Promise<void>;
}

/**
 * The agent's local API: the kiosk UI at `/`, `GET /agent/status`, and the
 * `WS /agent/events` stream. Only the agent's own origin may open the stream,
 * so no other page in any browser on the kiosk PC can listen in.
 */
export function createLocalApi({
  logger,
  uiDir,
  status,
  onScreenMessage,
  routes = [],
  canJoinSession,
}: LocalApiDeps): LocalApi {
  const app = express();
  app.disable('x-powered-by');
  app.get('/agent/status', (_req, res) => {
    res.set('cache-control', 'no-store').json(status());
  });
  for (const router of routes) app.use(router);
  app.use('/agent', (_req, res) => {
    res.status(404).json({ error: { code: 'not-found', message: 'No such agent endpoint.' } });
  });
  app.use(express.static(uiDir, { index: 'index.html', maxAge: 0 }));
  app.get(/.*/, (_req, res) => {
    const index = path.join(uiDir, 'index.html');
    if (existsSync(index)) res.sendFile(index);
    else res.status(503).type('text').send('The kiosk UI is not built yet: run `npm run build:ui`.');
  });

  const server = createServer(app);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/agent/events' || !sameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    const alive = { value: true };
    ws.on('pong', () => {
      alive.value = true;
    });
    (ws as WebSocket & { alive?: typeof alive }).alive = alive;
    ws.on('message', (data) => {
      const message = parseScreenMessage(data.toString());
      if (message?.type === 'ui.session') {
        if (canJoinSession?.(message.sessionId)) (ws as ScreenSocket).sessionId = message.sessionId;
      } else if (message) onScreenMessage?.(message);
      else logger.warn('ignored a malformed message from the kiosk screen');
    });
    send(ws, { type: 'agent.hello', status: status() });
  });
  // A screen that stopped answering pings is dropped, so broadcasts never pile up behind it.
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = (ws as WebSocket & { alive?: { value: boolean } }).alive;
      if (alive && !alive.value) ws.terminate();
      else if (alive) {
        alive.value = false;
        ws.ping();
      }
    }
  }, 15_000);
  keepalive.unref();

  return {
    server,
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    sendToSession(sessionId, event) {
      const text = JSON.stringify(event);
      for (const ws of wss.clients as Set<ScreenSocket>)
        if (ws.sessionId === sessionId && ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    bindSession(sessionId) {
      for (const ws of wss.clients as Set<ScreenSocket>) ws.sessionId = sessionId;
    },
    clientCount: () => wss.clients.size,
    async close() {
      clearInterval(keepalive);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      logger.debug('local api closed');
    },
  };
}

/** Only well-formed screen messages get through; anything else is dropped. */
export function parseScreenMessage(text: string): ScreenMessage | undefined {
  try {
    const m = JSON.parse(text) as { type?: unknown; screen?: unknown; sessionId?: unknown };
    if (m.type === 'ui.screen' && typeof m.screen === 'string' && /^[a-z0-9.-]{1,60}$/.test(m.screen)) {
      return { type: 'ui.screen', screen: m.screen };
    }
    if (m.type === 'ui.session' && typeof m.sessionId === 'string' && /^[\w-]{1,80}$/.test(m.sessionId)) {
      return { type: 'ui.session', sessionId: m.sessionId };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

function send(ws: WebSocket, event: AgentEvent): void {
  ws.send(JSON.stringify(event));
}

/** A browser sends `Origin`; it must be the agent's own. Local tools send none. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
