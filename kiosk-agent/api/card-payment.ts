import type { Request } from 'express';
import type { ResidentSession } from '../session/resident-session.ts';

/** What a proxy rewrite decides: send this body instead, or refuse without calling the hub. */
export type ProxyRewriteResult =
  | { body: Buffer }
  | { refuse: { status: number; code: string; message: string } }
  | undefined;

/** Looks at a proxied call before it is journaled and sent (undefined: send it as it came). */
export type ProxyRewrite = (req: Request, pathname: string) => ProxyRewriteResult;

/** The hub's card payment route (billing.contract.ts: `POST /billing/payments`). */
export const CARD_PAY_PATH = '/api/v1/kiosk/billing/payments';

/**
 * A card payment leaves the kiosk with the card's track 2 in place of the token the agent gave the
 * screen: the hub's PayRequest (billing.schemas.ts) takes `{ quoteId, method: 'card', cardToken }` and
 * hands `cardToken` to the gateway as track 2, so the field keeps its name and carries the track.
 * The token must belong to the current session (or the one named by `x-session-id`); an unknown or
 * stale one is refused with 409 `card-token-unknown` before anything is journaled or sent. The
 * track lives only in the bytes sent: the journal records the body as the screen sent it.
 */
export function cardTokenRewrite(session: ResidentSession): ProxyRewrite {
  return (req, pathname) => {
    if (req.method !== 'POST' || pathname !== CARD_PAY_PATH) return undefined;
    const body = parseJson(req.body);
    if (body?.method !== 'card') return undefined;
    const refuse = {
      refuse: {
        status: 409,
        code: 'card-token-unknown',
        message: 'This card is not in the reader for this session; read the card again.',
      },
    };
    const token = body.cardToken;
    const claimed = req.get('x-session-id');
    const sessionId = claimed || session.id;
    if (typeof token !== 'string' || !sessionId) return refuse;
    const card = session.cardByToken(sessionId, token);
    if (!card) return refuse;
    return { body: Buffer.from(JSON.stringify({ ...body, cardToken: card.raw }), 'utf8') };
  };
}

function parseJson(bytes: unknown): Record<string, unknown> | undefined {
  if (!Buffer.isBuffer(bytes)) return undefined;
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
