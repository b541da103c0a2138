import type { FlowDefinition } from '../flow.ts';
import { GuideIcon } from './icon.tsx';
import { kioskGuideMachine } from './kiosk-guide.machine.ts';
import { KioskGuideView } from './view.tsx';

/** How to use this kiosk: for the resident who has never used a touch screen. */
export const kioskGuideFlow: FlowDefinition = {
  id: 'kiosk-guide',
  titleKey: 'guide.title',
  noteKey: 'guide.note',
  Icon: GuideIcon,
  needs: { hub: false },
  machine: kioskGuideMachine,
  View: KioskGuideView,
};
