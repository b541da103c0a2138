/** Something is happening (a call, the wait for a payment), or went wrong: progress and error screens. */
import { ErrorPanel } from '../../../components/error-panel/index.tsx';
import { Progress } from '../../../components/progress/index.tsx';
import { type MessageKey, t } from '../../../i18n/index.ts';
import styles from '../style.module.css';
import { Nav, type ScreenProps } from './parts.tsx';

const progressKeys: Record<string, MessageKey> = {
  loading: 'bill.loading',
  'looking-up': 'bill.lookingUp',
  quoting: 'bill.quoting',
  checking: 'bill.checking',
  paying: 'bill.paying',
  'reading-card': 'bill.card.reading',
  printing: 'bill.printing',
  leaving: 'bill.leaving',
  'take-card': 'bill.takeCard',
};

export function ProgressView({ screen }: { screen: string }) {
  return (
    <div class={styles.body}>
      <div class={styles.panel}>
        <Progress label={t(progressKeys[screen] ?? 'bill.checking')} />
      </div>
    </div>
  );
}

/** What the wait is for, by the payment's state: the bank's answer, the biller's, or a refund. */
function waitingFor(context: ScreenProps['context']): string {
  const state = context.payment?.state;
  if (state === 'paid' || state === 'posting')
    return t('bill.waiting.posting', { biller: context.payment?.quote.biller.name ?? '' });
  if (state === 'refunding') return t('bill.waiting.refunding');
  return t('bill.waiting.charging');
}

/** Money may be moving: no cancel; after a while it says so plainly. */
export function WaitingView({ context }: Pick<ScreenProps, 'context'>) {
  return (
    <div class={styles.body}>
      <h1 class={styles.title}>{t('bill.waiting.title')}</h1>
      <div class={styles.panel}>
        <Progress label={waitingFor(context)} detail={t('bill.waiting.text')} />
        {context.slow && (
          <p class={styles.notice} role="status" data-slow="yes">
            {t('bill.waiting.slow')}
          </p>
        )}
      </div>
    </div>
  );
}

export interface ErrorViewProps extends ScreenProps {
  /** The state that failed: a card that would not read and a refused payment have their own words. */
  failed: string;
}

/** A call failed before money moved: retry, back, help, and cancel. */
export function ErrorView({ context, send, failed }: ErrorViewProps) {
  const message =
    failed === 'cardFailed'
      ? t('bill.error.card')
      : failed === 'payRefused'
        ? t('bill.error.refused')
        : context.problem === 'timeout' || context.problem === 'hub-timeout'
          ? t('bill.error.timeout')
          : t('bill.error.text');
  return (
    <>
      <div class={styles.body}>
        <ErrorPanel
          title={t('bill.error.title')}
          message={message}
          onRetry={() => send({ type: 'user.retry' })}
          onBack={() => send({ type: 'user.back' })}
          onHelp={() => send({ type: 'user.help' })}
        />
      </div>
      <Nav send={send} cancel />
    </>
  );
}

/** The pay call went unanswered: it may have charged. Retry (same key) or help; no back, no cancel. */
export function PayErrorView({ send }: Pick<ScreenProps, 'send'>) {
  return (
    <div class={styles.body}>
      <ErrorPanel
        title={t('bill.payError.title')}
        message={t('bill.payError.text')}
        onRetry={() => send({ type: 'user.retry' })}
        onHelp={() => send({ type: 'user.help' })}
      />
    </div>
  );
}
