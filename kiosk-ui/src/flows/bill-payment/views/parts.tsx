/** What every screen of the flow shares: its props, the button row and the notice line. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { BigButton } from '../../../components/big-button/index.tsx';
import { type MessageKey, t } from '../../../i18n/index.ts';
import type { BillPaymentContext, BillPaymentEvent, Notice } from '../bill-payment.types.ts';
import styles from '../style.module.css';

export interface ScreenProps {
  context: BillPaymentContext;
  send: (event: BillPaymentEvent) => void;
}

export interface NavProps {
  send: ScreenProps['send'];
  /** Cancel is shown only while no money can have moved. */
  cancel?: boolean;
  back?: boolean;
  /** The way on (Next, Look up, Pay), on the right. */
  children?: ComponentChildren;
}

/** Cancel on the left, Back and the way on at the right: the same place on every screen. */
export function Nav({ send, cancel, back, children }: NavProps) {
  return (
    <div class={styles.nav}>
      {cancel && (
        <BigButton variant="secondary" action="cancel" onPress={() => send({ type: 'user.cancel' })}>
          {t('bill.cancel')}
        </BigButton>
      )}
      <div class={styles.navEnd}>
        {back && (
          <BigButton variant="secondary" action="back" icon="‹" onPress={() => send({ type: 'user.back' })}>
            {t('bill.back')}
          </BigButton>
        )}
        {children}
      </div>
    </div>
  );
}

const noticeKeys: Record<Exclude<Notice, null>, MessageKey> = {
  'quote-renewed': 'bill.quote.renewed',
  'qr-expired': 'bill.notice.qrExpired',
  'code-timeout': 'bill.notice.codeTimeout',
  'card-timeout': 'bill.notice.cardTimeout',
};

/** What just happened, in one line above the screen's content; nothing when nothing did. */
export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p class={styles.notice} role="status" data-notice={notice}>
      {t(noticeKeys[notice])}
    </p>
  );
}

/** Whether the screen stands upright (1080 × 1920): lists then show more rows a page. */
export function usePortrait(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(orientation: portrait)') : null;
  const [portrait, setPortrait] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const update = () => setPortrait(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [query?.media]);
  return portrait;
}

/**
 * Whether the session shows large text (the shell puts `data-text` on <html>): lists then show
 * fewer rows a page, so that the bigger rows still fit without scrolling.
 */
export function useLargeText(): boolean {
  const read = () => typeof document !== 'undefined' && document.documentElement.dataset.text === 'large';
  const [large, setLarge] = useState(read);
  useEffect(() => {
    if (typeof MutationObserver !== 'function') return;
    const watch = new MutationObserver(() => setLarge(read()));
    watch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-text'] });
    setLarge(read());
    return () => watch.disconnect();
  }, []);
  return large;
}
