import type { GatewayNotice } from './gateway-adapter.ts';
import { SIGNATURE_HEADER, signBody } from './signature.ts';

/** How the next notification goes wrong. */
export type NoticeFault = 'duplicate' | 'hold' | 'drop' | 'bad-signature';

/**
 * The sandbox gateway's notifications to the hub: signed JSON POSTed to `notifyUrl`, with fault
 * injection (sent twice, held back to be released later in any order, dropped, badly signed).
 */
export class SandboxNotifier {
  private readonly faults: NoticeFault[] = [];
  private readonly held: { body: string; signature: string }[] = [];
  /** Every delivery attempt's HTTP status (0 when the hub could not be reached). */
  readonly deliveries: number[] = [];

  constructor(
    private readonly secret: string,
    private readonly notifyUrl: () => string,
    /** Delivers a signed body and answers the HTTP status; default: POST to `notifyUrl`. */
    private readonly transport?: (body: string, signature: string) => Promise<number>,
  ) {}

  /** Queues a fault for the next notification. */
  next(fault: NoticeFault): this {
    this.faults.push(fault);
    return this;
  }

  /** Signs and sends `notice` (as the faults say); resolves once delivered. */
  async send(notice: GatewayNotice): Promise<void> {
    const body = JSON.stringify(notice);
    const fault = this.faults.shift();
    const signature = signBody(body, fault === 'bad-signature' ? `${this.secret}-wrong` : this.secret);
    if (fault === 'drop') return;
    if (fault === 'hold') {
      this.held.push({ body, signature });
      return;
    }
    await this.post(body, signature);
    if (fault === 'duplicate') await this.post(body, signature);
  }

  /** Sends every held notification, newest first when `reverse` (out of order). */
  async releaseHeld({ reverse = false } = {}): Promise<void> {
    const all = this.held.splice(0);
    for (const n of reverse ? all.reverse() : all) await this.post(n.body, n.signature);
  }

  private async post(body: string, signature: string): Promise<void> {
    if (this.transport) {
      this.deliveries.push(await this.transport(body, signature).catch(() => 0));
      return;
    }
    const res = await fetch(this.notifyUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      body,
    }).catch(() => undefined);
    this.deliveries.push(res?.status ?? 0);
    await res?.body?.cancel();
  }
}
