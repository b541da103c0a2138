import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import { type IdempotencyRecord, IdempotencyStore } from './idempotency.store.ts';

export interface IdempotencyDeps {
  db: Database;
  now: () => Date;
  kioskIdOf: (req: Request) => string;
  logger?: Logger;
  /** How long a duplicate waits for the first request to finish before a 409. */
  waitMs?: number;
}

/** An idempotency key: 8 to 128 of letters, digits and `._:-` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** What identifies a request's content: method, URL and body bytes. */
export function requestHash(req: Request): string {
  const h = createHash('sha256').update(`${req.method} ${req.originalUrl}\n`);
  if (Buffer.isBuffer(req.body)) h.update(req.body);
  else if (req.body !== undefined) h.update(JSON.stringify(req.body));
  return h.digest('hex');
}

/**
 * The idempotency layer for a kiosk's state-changing routes, placed after `requireKiosk` and the
 * body parser. A request without `Idempotency-Key` passes through. The first request with a key
 * runs and its response is stored; the same key with the same body gets that response again
 * (`idempotent-replay: true`) without running; with another body, 422 `idempotency-key-reused`;
 * while the first still runs, a duplicate waits, then gets 409 `request-in-progress`.
 * A 5xx is not stored (the work rolled back), so a retry runs again.
 */
export function idempotent({ db, now, kioskIdOf, logger, waitMs = 2000 }: IdempotencyDeps): RequestHandler {
  const store = new IdempotencyStore(db);
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined) return next();
    if (!IDEMPOTENCY_KEY.test(key))
      throw new HttpError(400, 'invalid-idempotency-key', 'Idempotency-Key: 8-128 of A-Z a-z 0-9 . _ : -');
    const kioskId = kioskIdOf(req);
    const bodyHash = requestHash(req);
    const claimed = await store.claim({
      kioskId,
      key,
      method: req.method,
      path: req.originalUrl,
      bodyHash,
      createdAt: now().toISOString(),
    });
    if (!claimed) return replay(res, await settled(store, kioskId, key, waitMs), bodyHash);
    const send = res.send.bind(res);
    let saving = false;
    res.send = ((body: unknown) => {
      if (saving) return send(body);
      saving = true;
      const text = Buffer.isBuffer(body)
        ? body.toString('utf8')
        : typeof body === 'string'
          ? body
          : JSON.stringify(body);
      const status = res.statusCode;
      const saved =
        status >= 500
          ? store.release(kioskId, key)
          : store.complete(kioskId, key, {
              status,
              contentType: res.get('content-type') ?? null,
              response: text ?? '',
              completedAt: now().toISOString(),
            });
      // The stored response goes on disk before the kiosk sees it, so a lost answer can be looked up.
      saved.then(
        () => send(body),
        (err: unknown) => {
          logger?.error({ err, key }, 'could not store an idempotent response');
          send(body);
        },
      );
      return res;
    }) as Response['send'];
    next();
  };
}

/** The record once it is done, or as it is after `waitMs`. */
async function settled(store: IdempotencyStore, kioskId: string, key: string, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const r = await store.find(kioskId, key);
    // Gone: the first request failed with a 5xx and released the key while we looked.
    if (!r)
      throw new HttpError(409, 'request-in-progress', 'The first request with this key just failed; retry.');
    if (r.state === 'done' || Date.now() >= deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function replay(res: Response, r: IdempotencyRecord, bodyHash: string): void {
  if (r.bodyHash !== bodyHash)
    throw new HttpError(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was used for a different request.',
    );
  if (r.state !== 'done')
    throw new HttpError(409, 'request-in-progress', 'A request with this Idempotency-Key is still running.');
  res.status(r.status ?? 200).set('idempotent-replay', 'true');
  if (r.contentType) res.set('content-type', r.contentType);
  res.send(r.response ?? '');
}
