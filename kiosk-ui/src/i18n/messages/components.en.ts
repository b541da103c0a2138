import type { componentsZhCN } from './components.zh-CN.ts';

/** Words of the design system's components, in English: every key of the Chinese table. */
export const componentsEn: Record<keyof typeof componentsZhCN, string> = {
  'ds.keypad.delete': 'Delete',
  'ds.keypad.clear': 'Clear',
  'ds.keypad.ok': 'OK',
  'ds.keypad.space': 'Space',
  'ds.keypad.entered': '{count} entered',
  'ds.keypad.empty': 'Nothing entered yet',
  'ds.steps.count': 'Step {current} of {total}',
  'ds.steps.done': ' (done)',
  'ds.page.previous': 'Previous',
  'ds.page.next': 'Next',
  'ds.page.count': 'Page {page} of {pages}',
  'ds.page.nav': 'Pages',
  'ds.progress.percent': '{percent}% done',
  'ds.progress.wait': 'Please wait',
  'ds.error.retry': 'Retry',
  'ds.error.back': 'Back',
  'ds.error.help': 'Call for help',
  'ds.qr.loading': 'Making the QR code',
};
