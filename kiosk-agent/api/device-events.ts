import type { KioskDevices } from '../devices/build-devices.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { AgentEvent, DeviceEvent } from './contract.ts';
import { idCardForScreen } from './device-command-table.ts';

export interface DeviceEventSinks {
  /** To every screen. */
  broadcast(event: AgentEvent): void;
  /** Only to the sockets of that session (personal data, bearer codes). */
  sendToSession(sessionId: string, event: AgentEvent): void;
}

/**
 * Turns the drivers' events into `WS /agent/events` messages. Card, handset
 * and ID-card-removed events go to every screen; a scan's text (a payment
 * code is a bearer token) and an ID card's name and number go only to the
 * current session's sockets and are dropped when no session is active.
 * Nothing here logs: the drivers log their own events, masked.
 */
export function forwardDeviceEvents(
  devices: KioskDevices,
  session: ResidentSession,
  sinks: DeviceEventSinks,
): void {
  const all = (event: DeviceEvent) => sinks.broadcast({ type: 'device.event', event });
  const reader = devices['card-reader'];
  reader?.on('cardInserted', ({ kind }) => all({ device: 'card-reader', kind: 'cardInserted', card: kind }));
  reader?.on('cardRemoved', () => all({ device: 'card-reader', kind: 'cardRemoved' }));
  reader?.on('cardTaken', () => all({ device: 'card-reader', kind: 'cardTaken' }));
  reader?.on('cardRetained', ({ reason }) => all({ device: 'card-reader', kind: 'cardRetained', reason }));

  const idReader = devices['id-reader'];
  idReader?.on('idCardRead', (card) => {
    const sessionId = session.id;
    if (!sessionId) return;
    const forScreen = idCardForScreen(card);
    session.keepIdCard(forScreen);
    sinks.sendToSession(sessionId, { type: 'id.card.read', sessionId, card: forScreen });
  });
  idReader?.on('idCardRemoved', () => all({ device: 'id-reader', kind: 'idCardRemoved' }));

  devices.scanner?.on('scan', ({ text, at }) => {
    const sessionId = session.id;
    if (!sessionId) return;
    sinks.sendToSession(sessionId, {
      type: 'device.event',
      event: { device: 'scanner', kind: 'scan', text, at },
    });
  });

  const handset = devices.handset;
  handset?.on('hookOff', () => all({ device: 'handset', kind: 'hookOff' }));
  handset?.on('hookOn', () => all({ device: 'handset', kind: 'hookOn' }));
  handset?.on('key', ({ key }) => all({ device: 'handset', kind: 'key', key }));
}
