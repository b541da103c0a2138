import { createHmac, timingSafeEqual } from 'node:crypto';

/** The notification header that carries the signature. */
export const SIGNATURE_HEADER = 'x-gateway-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the shared secret. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `signature` is the body's, compared in constant time. */
export function verifyBody(body: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
