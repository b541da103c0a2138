import { useEffect } from 'preact/hooks';
import type { AnyActorRef } from 'xstate';
import type { FlowDefinition, FlowStateMeta } from '../flows/flow.ts';
import { useSelector } from '../lib/use-actor.ts';

export interface FlowHostProps {
  flow: Pick<FlowDefinition, 'id' | 'View'>;
  actor: AnyActorRef;
  /** The flow's current screen and its idle time, from its state meta, whenever they change. */
  onScreen(screen: string, idleSeconds: number | undefined, locked: boolean): void;
}

/** Renders a running flow and tells the shell which of its screens is showing. */
export function FlowHost({ flow, actor, onScreen }: FlowHostProps) {
  const shown = useSelector(actor, (snapshot) => screenOf(flow.id, snapshot.getMeta?.() ?? {}));
  useEffect(() => {
    const [screen, idle, locked] = shown.split('|');
    onScreen(screen ?? flow.id, idle ? Number(idle) : undefined, locked === 'locked');
  }, [shown, flow.id, onScreen]);
  return (
    <div data-flow={flow.id} style={{ display: 'contents' }}>
      <flow.View actor={actor} />
    </div>
  );
}

/** "flow.step|idleSeconds|locked" (the agent accepts a-z, 0-9, . and -) from the deepest state that names a screen: a string, so it compares by value. */
function screenOf(flowId: string, meta: Record<string, FlowStateMeta | undefined>): string {
  let screen = flowId;
  let idle = '';
  let locked = '';
  for (const m of Object.values(meta)) {
    if (m?.screen) screen = `${flowId}.${m.screen}`;
    if (m?.idleSeconds !== undefined) idle = String(m.idleSeconds);
    if (m?.locked) locked = 'locked';
  }
  return `${screen}|${idle}|${locked}`;
}
