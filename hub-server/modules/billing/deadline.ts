/**
 * `work`, or the error `onTimeout` makes once `ms` have passed without an answer. The far end may
 * still act after that: a caller treats the timeout as "unknown", never as "did not happen".
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
