import { billPaymentEn } from './bill-payment.en.ts';
import { componentsEn } from './components.en.ts';
import type { MessageKey } from './zh-CN.ts';

/** English, for visitors; every key of zh-CN must be translated. */
export const en: Record<MessageKey, string> = {
  ...componentsEn,
  ...billPaymentEn,
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

  'attract.touch': 'Touch the screen to start',
  'attract.touchNote': 'Touch anywhere on the screen to begin',
  'attract.hl.hotline.title': 'Questions? Call 12345',
  'attract.hl.hotline.note': 'The citizen service hotline will help you',
  'attract.hl.largeText.title': 'Text too small? Make it bigger',
  'attract.hl.largeText.note': 'Touch "Large text" at the bottom of the screen',
  'attract.hl.language.title': '中文 · English',
  'attract.hl.language.note': 'Touch the language button at the bottom to switch',
  'attract.hl.privacy.title': 'Your details are cleared when you leave',
  'attract.hl.privacy.note': 'When you finish, or stop using the screen, everything you entered is cleared',
  'attract.highlights': 'What this kiosk offers',

  'controls.label': 'Screen controls',
  'controls.language': '中文',
  'controls.languageLabel': '切换为中文 Switch to Chinese',
  'controls.largeText': 'Large text',
  'controls.contrast': 'High contrast',
  'controls.help': 'Help',
  'controls.home': 'Home',
  'controls.finish': 'Finish',

  'home.services': 'Choose a service',
  'home.noServices': 'Services are being added. If you need help now, call 12345.',
  'home.unavailable': 'Unavailable',

  'offer.receiptAsQr': 'No paper: your receipt comes as a QR code',
  'offer.noCardPayment': 'Card reader not working: no bank card payment',
  'offer.kioskStarting': 'The kiosk is getting ready, please wait',
  'offer.hubDown': 'The service centre cannot be reached, so this is unavailable',
  'offer.deviceDown': 'A device it needs is not working, so this is unavailable',

  'starting.title': 'Getting ready, please wait…',

  'stillThere.title': 'Are you still there?',
  'stillThere.note': 'In {seconds} seconds this session ends and your details are cleared.',
  'stillThere.continue': 'Continue',
  'stillThere.finish': 'Finish',

  'farewell.title': 'Thank you, goodbye',
  'farewell.note': 'Your details have all been cleared.',
  'farewell.idle': 'The session ended because the screen was not used for a while.',
  'farewell.again': 'Start again',

  'help.title': 'Need help?',
  'help.call': 'Call the 12345 citizen service hotline and someone will help you.',
  'help.howTo': 'Touch the big buttons on the screen. To stop, touch "Finish" and your details are cleared.',
  'help.callNow': 'Call an operator',
  'help.close': 'OK',

  'announce.home': 'Home screen. Choose a service.',
  'announce.attract': 'Touch the screen to start',
  'announce.farewell': 'Session ended, your details were cleared',
  'announce.stillThere': 'Are you still there? The session ends in {seconds} seconds.',

  'guide.title': 'How to use this kiosk',
  'guide.note': 'First time? Learn in one minute',
  'guide.step.touch': 'Touch',
  'guide.step.controls': 'Buttons',
  'guide.step.privacy': 'Privacy',
  'guide.step.help': 'Help',
  'guide.touch.title': 'Touch lightly with one finger',
  'guide.touch.text': 'No need to press hard or hold. Just touch a big button lightly. Try it now:',
  'guide.touch.try': 'Touch me',
  'guide.touch.welldone': 'Well done!',
  'guide.controls.title': 'The buttons at the bottom are always there',
  'guide.controls.text': 'Whatever step you are on, these buttons are at the bottom of the screen:',
  'guide.controls.language': '"中文": switch to Chinese; touch again for English.',
  'guide.controls.largeText': '"Large text": makes the words bigger.',
  'guide.controls.contrast': '"High contrast": black and white, easier to see.',
  'guide.controls.help': '"Help": how to get help from a person.',
  'guide.privacy.title': 'Your details do not stay here',
  'guide.privacy.text':
    'When you are done, touch "Finish": everything you entered is cleared. If nobody touches the screen for a while, it is cleared too.',
  'guide.help.title': 'Stuck? Ask a person at any time',
  'guide.help.text': 'Call the 12345 citizen service hotline and someone will help you.',
  'guide.back': 'Back',
  'guide.next': 'Next',
  'guide.done': 'Got it',
  'guide.close': 'Back',
};
