/** The kiosk guide (issue 6): pages in order, back, the practice tap, and every way out goes home. */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { kioskGuideMachine } from '../../../kiosk-ui/src/flows/kiosk-guide/kiosk-guide.machine.ts';

const input = {
  offer: { receipt: 'paper', cardPayment: true, scanner: true, handset: true, idReader: true },
  sessionId: 's-1',
} as const;

function guide() {
  return createActor(kioskGuideMachine, { input }).start();
}

describe('kiosk guide', () => {
  it('when the resident presses Next four times, then the four pages show in order and the guide goes home', () => {
    const actor = guide();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(String(actor.getSnapshot().value));
      actor.send({ type: 'user.next' });
    }
    expect(seen).toEqual(['touch', 'controls', 'privacy', 'help']);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ outcome: 'home' });
  });

  it('when the resident goes back, then the previous page shows; back on the first page does nothing', () => {
    const actor = guide();
    actor.send({ type: 'user.back' });
    expect(actor.getSnapshot().value).toBe('touch');
    actor.send({ type: 'user.next' });
    actor.send({ type: 'user.next' });
    actor.send({ type: 'user.back' });
    expect(actor.getSnapshot().value).toBe('controls');
  });

  it('when the practice button is tapped, then the guide remembers it', () => {
    const actor = guide();
    expect(actor.getSnapshot().context.practised).toBe(false);
    actor.send({ type: 'user.practise' });
    expect(actor.getSnapshot().context.practised).toBe(true);
  });

  it('when the resident closes the guide on any page, then it goes home', () => {
    for (let page = 0; page < 4; page++) {
      const actor = guide();
      for (let i = 0; i < page; i++) actor.send({ type: 'user.next' });
      actor.send({ type: 'user.close' });
      expect(actor.getSnapshot().output).toEqual({ outcome: 'home' });
    }
  });

  it('when a page shows, then its state meta names the screen for the heartbeat', () => {
    const actor = guide();
    actor.send({ type: 'user.next' });
    const meta = Object.values(actor.getSnapshot().getMeta()) as { screen?: string }[];
    expect(meta.map((m) => m.screen)).toContain('controls');
  });
});
