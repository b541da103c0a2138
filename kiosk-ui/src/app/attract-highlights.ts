import type { FlowDefinition } from '../flows/flow.ts';
import { t } from '../i18n/index.ts';
import type { Highlight } from '../screens/attract/index.tsx';

/** The attract loop: each registered service, then the kiosk's promises to everyone who walks up. */
export function attractHighlights(
  flows: readonly Pick<FlowDefinition, 'id' | 'titleKey' | 'noteKey' | 'Icon'>[],
): Highlight[] {
  return [
    ...flows.map((f) => ({ id: f.id, title: t(f.titleKey), note: t(f.noteKey), Icon: f.Icon })),
    { id: 'hotline', title: t('attract.hl.hotline.title'), note: t('attract.hl.hotline.note') },
    { id: 'large-text', title: t('attract.hl.largeText.title'), note: t('attract.hl.largeText.note') },
    { id: 'language', title: t('attract.hl.language.title'), note: t('attract.hl.language.note') },
    { id: 'privacy', title: t('attract.hl.privacy.title'), note: t('attract.hl.privacy.note') },
  ];
}
