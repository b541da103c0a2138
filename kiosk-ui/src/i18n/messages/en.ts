import type { MessageKey } from './zh-CN.ts';

/** English, for visitors; every key of zh-CN must be translated. */
export const en: Record<MessageKey, string> = {
  'app.title': 'Tingzi · Community Service Kiosk',
  'brand.mark': '亭',
  'brand.name': '亭子',
  'brand.latin': 'Tingzi',

  'clock.lunar': 'Lunar {date}',

  'home.welcome': 'Welcome to the community service kiosk',
  'home.welcomeNote': 'Bill payment, hospital booking and case follow-up are coming here soon',
  'home.kioskId': 'Kiosk {id}',
  'home.version': 'Software {version}',

  'outOfService.title': 'This kiosk is out of service',
  'outOfService.note': 'It is being serviced. Please come back later or use a kiosk nearby.',
  'outOfService.kioskId': 'Kiosk {id}',

  'hotline.prompt': 'Need help? Call',
  'hotline.name': 'Citizen Service Hotline',

  'link.connecting': 'Connecting…',
  'link.connectingNote': 'The kiosk is getting ready, please wait',

  'hub.title': 'Service centre',
  'hub.connected': 'Connected to the service centre',
  'hub.disconnected': 'The service centre cannot be reached right now',
  'hub.reason.unreachable': 'The network is down; reconnecting automatically',
  'hub.reason.timeout': 'The service centre is slow to answer; reconnecting automatically',
  'hub.reason.error': 'The service centre has a problem; reconnecting automatically',
  'hub.reason.unknown': 'Reconnecting automatically, please wait',

  'devices.title': 'Devices',
  'devices.live': 'Updated live',
  'devices.empty': 'No device information yet',

  'device.printer': 'Receipt printer',
  'device.card-reader': 'Bank card reader',
  'device.id-reader': 'ID card reader',
  'device.scanner': 'Code scanner',
  'device.handset': 'Handset',

  'deviceState.online': 'Working',
  'deviceState.offline': 'Offline',
  'deviceState.fault': 'Fault',
  'deviceState.busy': 'In use',

  'printer.paperOk': 'Paper OK',
  'printer.paperLow': 'Paper low',
  'printer.paperOut': 'Out of paper',
  'printer.coverOpen': 'Cover open',
};
