/**
 * Preact has no official XState binding; these hooks are enough.
 * `useActorRef` owns an actor for a component's lifetime, `useSelector` reads from any actor.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Actor, type ActorOptions, type AnyActorLogic, createActor } from 'xstate';

/** Any actor or actor ref: what `useSelector` needs of it. */
export interface Subscribable<TSnapshot> {
  getSnapshot(): TSnapshot;
  subscribe(observer: { next: () => void; error: () => void }): { unsubscribe(): void };
}

/**
 * The part of the actor's snapshot that `select` picks; re-renders only when it changes, as
 * `equal` judges (identity unless told: `shallowEqual` for a picked object).
 */
export function useSelector<TSnapshot, T>(
  actor: Subscribable<TSnapshot>,
  select: (snapshot: TSnapshot) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const selectRef = useRef(select);
  selectRef.current = select;
  const equalRef = useRef(equal);
  equalRef.current = equal;
  const [value, setValue] = useState(() => select(actor.getSnapshot()));
  useEffect(() => {
    const update = () =>
      setValue((before) => {
        const next = selectRef.current(actor.getSnapshot());
        return equalRef.current(before, next) ? before : next;
      });
    update();
    const subscription = actor.subscribe({ next: update, error: update });
    return () => subscription.unsubscribe();
  }, [actor]);
  return value;
}

/**
 * Creates and starts an actor when the component mounts, stops it when it unmounts. The component
 * does not re-render on the actor's transitions: read what it shows with `useSelector`.
 */
export function useActorRef<TLogic extends AnyActorLogic>(
  logic: TLogic,
  options?: ActorOptions<TLogic>,
): Actor<TLogic> {
  // createActor's own signature makes `input` required when the logic needs one; ours leaves that to the caller.
  const [actor] = useState(() => createActor(logic, ...([options] as [never])));
  useEffect(() => {
    actor.start();
    return () => actor.stop();
  }, [actor]);
  return actor;
}

/** Whether two objects hold the same values under the same keys (one level deep). */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) && Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
