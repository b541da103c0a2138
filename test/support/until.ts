/** What `until` polls: a value when the wait is over; `undefined` or `false` while it is not. */
export type Probe<T> = () => T | undefined | false | Promise<T | undefined | false>;

/**
 * Polls `probe` every `everyMs` until it gives something other than `undefined` or `false`, and
 * resolves with that; rejects after `ms` with a message naming `what`.
 */
export async function until<T>(
  probe: Probe<T>,
  ms = 10_000,
  what = 'the condition',
  everyMs = 10,
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
