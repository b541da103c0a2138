import { useEffect, useState } from 'preact/hooks';
import { BigButton } from '../components/big-button/index.tsx';
import { Dialog } from '../components/dialog/index.tsx';
import { t } from '../i18n/index.ts';
import styles from './dialogs.module.css';

export interface StillThereProps {
  open: boolean;
  /** The countdown's length; the session machine ends the session when it runs out. */
  countdownMs: number;
  onContinue(): void;
  onFinish(): void;
}

/**
 * "Are you still there?" with the seconds counting down in big digits and a
 * big Continue. The count is only shown here; the session machine's timer is
 * the one that ends the visit.
 */
export function StillThereDialog({ open, countdownMs, onContinue, onFinish }: StillThereProps) {
  const seconds = useCountdown(open, countdownMs);
  return (
    <Dialog
      open={open}
      title={t('stillThere.title')}
      onDismiss={onContinue}
      actions={
        <>
          <BigButton variant="secondary" action="finish-now" onPress={onFinish}>
            {t('stillThere.finish')}
          </BigButton>
          <BigButton action="continue" autoFocus onPress={onContinue}>
            {t('stillThere.continue')}
          </BigButton>
        </>
      }
    >
      <p class={styles.countdown} data-countdown={seconds} aria-hidden="true">
        {seconds}
      </p>
      <p class={styles.text}>{t('stillThere.note', { seconds })}</p>
    </Dialog>
  );
}

/** Whole seconds left, from when `running` became true. */
function useCountdown(running: boolean, totalMs: number): number {
  const total = Math.ceil(totalMs / 1000);
  const [left, setLeft] = useState(total);
  useEffect(() => {
    if (!running) return;
    const started = performance.now();
    setLeft(total);
    const timer = setInterval(() => {
      setLeft(Math.max(0, total - Math.floor((performance.now() - started) / 1000)));
    }, 250);
    return () => clearInterval(timer);
  }, [running, total]);
  return left;
}
