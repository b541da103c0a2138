import type { AnyActorRef } from 'xstate';
import { BigButton } from '../../components/big-button/index.tsx';
import { StepIndicator } from '../../components/step-indicator/index.tsx';
import { type MessageKey, t } from '../../i18n/index.ts';
import { useSelector } from '../../lib/use-actor.ts';
import { GUIDE_PAGES, type GuideContext, type GuideEvent, type GuidePage } from './kiosk-guide.machine.ts';
import styles from './style.module.css';

const stepKeys: Record<GuidePage, MessageKey> = {
  touch: 'guide.step.touch',
  controls: 'guide.step.controls',
  privacy: 'guide.step.privacy',
  help: 'guide.step.help',
};

/** One page of the guide at a time, with Back and Next always in the same place. */
export function KioskGuideView({ actor }: { actor: AnyActorRef }) {
  const page = useSelector(actor, (s) => GUIDE_PAGES.find((p) => s.matches(p)) ?? 'touch');
  const { practised } = useSelector(actor, (s) => s.context as GuideContext);
  const send = (event: GuideEvent) => actor.send(event);
  const index = GUIDE_PAGES.indexOf(page);
  return (
    <section class={styles.guide} data-guide-page={page} aria-labelledby="guide-title">
      <StepIndicator steps={GUIDE_PAGES.map((p) => t(stepKeys[p]))} current={index + 1} />
      <div class={styles.page}>
        <h1 id="guide-title" class={styles.title}>
          {t(`guide.${page}.title`)}
        </h1>
        <p class={styles.text}>{t(`guide.${page}.text`)}</p>
        {page === 'touch' && (
          <div class={styles.practice}>
            <BigButton
              variant={practised ? 'secondary' : 'primary'}
              action="practise"
              onPress={() => send({ type: 'user.practise' })}
            >
              {practised ? t('guide.touch.welldone') : t('guide.touch.try')}
            </BigButton>
          </div>
        )}
        {page === 'controls' && (
          <ul class={styles.list}>
            <li>{t('guide.controls.language')}</li>
            <li>{t('guide.controls.largeText')}</li>
            <li>{t('guide.controls.contrast')}</li>
            <li>{t('guide.controls.help')}</li>
          </ul>
        )}
        {page === 'help' && <p class={styles.hotline}>12345</p>}
      </div>
      <div class={styles.nav}>
        {index > 0 ? (
          <BigButton variant="secondary" action="back" onPress={() => send({ type: 'user.back' })}>
            {t('guide.back')}
          </BigButton>
        ) : (
          <BigButton variant="secondary" action="close-guide" onPress={() => send({ type: 'user.close' })}>
            {t('guide.close')}
          </BigButton>
        )}
        <BigButton action="next" onPress={() => send({ type: 'user.next' })}>
          {index === GUIDE_PAGES.length - 1 ? t('guide.done') : t('guide.next')}
        </BigButton>
      </div>
    </section>
  );
}
