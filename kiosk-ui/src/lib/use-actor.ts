/**
 * Preact has no official XState binding; these two hooks are enough.
 * `useActor` owns an actor for a component's lifetime, `useSelector` reads from any actor.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Actor, type ActorOptions, type AnyActorLogic, createActor, type SnapshotFrom } from 'xstate';

/** Any actor or actor ref: what `useSelector` needs of it. */
export interface Subscribable<TSnapshot> {
  getSnapshot(): TSnapshot;
  subscribe(observer: { next: () => void; error: () => void }): { unsubscribe(): void };
}

/** The part of the actor's snapshot that `select` picks; re-renders only when it changes. */
export function useSelector<TSnapshot, T>(
  actor: Subscribable<TSnapshot>,
  select: (snapshot: TSnapshot) => T,
): T {
  const selectRef = useRef(select);
  selectRef.current = select;
  const [value, setValue] = useState(() => select(actor.getSnapshot()));
  useEffect(() => {
    const update = () => setValue(() => selectRef.current(actor.getSnapshot()));
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

/** `useActorRef`, and the actor's whole snapshot: the component re-renders on every transition. */
export function useActor<TLogic extends AnyActorLogic>(
  logic: TLogic,
  options?: ActorOptions<TLogic>,
): [SnapshotFrom<TLogic>, Actor<TLogic>] {
  const actor = useActorRef(logic, options);
  return [useSelector(actor, identity), actor];
}

function identity<T>(value: T): T {
  return value;
}
