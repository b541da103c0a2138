import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import pino, { type Logger } from 'pino';

interface RequestContext {
  id: string;
  /** Made on first use: most requests only need the access line, which needs no child logger. */
  log?: Logger;
  root: Logger;
}

const contexts = new WeakMap<Request, RequestContext>();
const silent = pino({ level: 'silent' });

/** An incoming id is reused only if it is short and plain, so a caller cannot inject into logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContextDeps {
  logger: Logger;
  /** Monotonic milliseconds; injectable so a test can pin the logged duration. */
  clock?: () => number;
}

/** The path without its query string: a query may carry a resident's data. */
function pathOnly(req: Request): string {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Gives every request an id (a sane incoming `x-request-id` or a fresh UUID), echoes it in
 * the `x-request-id` response header, attaches a child logger carrying it, and logs one line
 * when the response ends: method, path, status, duration. Never bodies or query strings.
 */
export function requestContext({
  logger,
  clock = () => performance.now(),
}: RequestContextDeps): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    contexts.set(req, { id, root: logger });
    res.setHeader('x-request-id', id);
    const start = clock();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const fields = {
        reqId: id,
        method: req.method,
        path: pathOnly(req),
        status: res.statusCode,
        ms: Math.round((clock() - start) * 10) / 10,
        aborted: !res.writableFinished || undefined,
      };
      if (res.statusCode >= 500) logger.error(fields, 'request');
      else logger.info(fields, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** The request's child logger (tagged with its id); a silent logger if `requestContext` is not mounted. */
export function requestLogger(req: Request): Logger {
  const context = contexts.get(req);
  if (!context) return silent;
  context.log ??= context.root.child({ reqId: context.id });
  return context.log;
}

/** The request's id, or `undefined` if `requestContext` is not mounted. */
export function requestId(req: Request): string | undefined {
  return contexts.get(req)?.id;
}
