/**
 * What the kiosk can offer right now, from the hub's and the devices' status:
 * pure rules, so the home screen, the session machine and the flows agree.
 */
import type { DeviceStatus, HubConnectivity } from '../../../kiosk-agent/api/contract.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { FlowDefinition } from './flow.ts';

/** The live picture the rules read; `hub` null means the agent itself is not connected. */
export interface LinkPicture {
  hub: HubConnectivity | null;
  devices: DeviceStatus[];
}

/** What the devices allow a flow to offer. */
export interface DeviceOffer {
  /** With no paper (or no printer), receipts come as a QR code to scan. */
  receipt: 'paper' | 'qr';
  /** Card payment only with a working card reader. */
  cardPayment: boolean;
  scanner: boolean;
  handset: boolean;
  idReader: boolean;
}

/** Whether a service can be started now, and if not, why, in a resident's words. */
export type ServiceOffer =
  | { available: true; notes: MessageKey[] }
  | { available: false; reasonKey: MessageKey; notes: MessageKey[] };

function usable(devices: DeviceStatus[], name: string): boolean {
  const status = devices.find((d) => d.device === name);
  return status !== undefined && (status.state === 'online' || status.state === 'busy');
}

/** A printer that can print now: online, cover closed, paper not out. */
export function printerCanPrint(devices: DeviceStatus[]): boolean {
  const printer = devices.find((d) => d.device === 'printer');
  if (!printer || !usable(devices, 'printer')) return false;
  return printer.detail.paper !== 'out' && printer.detail.cover !== 'open';
}

export function deviceOffer(devices: DeviceStatus[]): DeviceOffer {
  return {
    receipt: printerCanPrint(devices) ? 'paper' : 'qr',
    cardPayment: usable(devices, 'card-reader'),
    scanner: usable(devices, 'scanner'),
    handset: usable(devices, 'handset'),
    idReader: usable(devices, 'id-reader'),
  };
}

/** Whether `flow` can start with the link as it is, with the notes its tile shows. */
export function serviceOffer(flow: Pick<FlowDefinition, 'needs' | 'uses'>, link: LinkPicture): ServiceOffer {
  const offer = deviceOffer(link.devices);
  const notes: MessageKey[] = [];
  if (flow.uses?.printer && offer.receipt === 'qr') notes.push('offer.receiptAsQr');
  if (flow.uses?.cardReader && !offer.cardPayment) notes.push('offer.noCardPayment');
  if (link.hub === null) return { available: false, reasonKey: 'offer.kioskStarting', notes };
  if (flow.needs.hub && !link.hub.connected) return { available: false, reasonKey: 'offer.hubDown', notes };
  const missing = (flow.needs.devices ?? []).find((d) => !usable(link.devices, d));
  if (missing) return { available: false, reasonKey: 'offer.deviceDown', notes };
  return { available: true, notes };
}
