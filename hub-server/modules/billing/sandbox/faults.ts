/**
 * Fault injection for the sandbox adapters (ARCHITECTURE.md: sandboxes can be told to be slow,
 * fail, time out or send duplicates). Faults queue per operation and are used up one call each.
 */

export type Fault =
  /** Fails before acting: nothing happened, a retry is safe. */
  | { kind: 'fail' }
  /** Refuses for good, with a reason. */
  | { kind: 'reject'; reason: string }
  /** The answer is lost; `applied`: whether the far end acted before it was lost. */
  | { kind: 'timeout'; applied: boolean }
  /** Never answers, as if the hub died while waiting; `applied` as for timeout. */
  | { kind: 'hang'; applied: boolean }
  /** The request reaches the far end twice (a network duplicate). */
  | { kind: 'duplicate' };

/** A queue of faults per operation, plus a delay on every call. */
export class FaultPlan<Op extends string> {
  private readonly queued = new Map<Op, Fault[]>();
  /** Every call waits this long first (a slow far end). */
  delayMs = 0;

  /** Queues `fault` for the next `times` calls of `op`. */
  next(op: Op, fault: Fault, times = 1): this {
    const q = this.queued.get(op) ?? [];
    for (let i = 0; i < times; i++) q.push(fault);
    this.queued.set(op, q);
    return this;
  }

  /** The fault for this call of `op`, if one is queued (used up). */
  take(op: Op): Fault | undefined {
    return this.queued.get(op)?.shift();
  }

  /** Forgets every queued fault and the delay. */
  clear(): void {
    this.queued.clear();
    this.delayMs = 0;
  }

  /** Waits the configured delay. */
  async delay(): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }
}

/** A promise that never settles: the call hangs as if the caller had died. */
export const never = <T>(): Promise<T> => new Promise<T>(() => {});
