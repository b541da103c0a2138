/** Paying: the QR code with its countdown, the payment-code prompt, the card prompt. */
import { useEffect, useState } from 'preact/hooks';
import { AmountDisplay } from '../../../components/amount-display/index.tsx';
import { QrDisplay } from '../../../components/qr-display/index.tsx';
import { t } from '../../../i18n/index.ts';
import { msUntil } from '../bill-payment.rules.ts';
import { MethodIcon } from '../kind-icons.tsx';
import styles from '../style.module.css';
import { Nav, type ScreenProps } from './parts.tsx';

/** Whole seconds until `iso`, counted down once a second. */
function useSecondsLeft(iso: string | undefined): number {
  const left = () => Math.ceil(msUntil(iso) / 1000);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return seconds;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

function Amount({ context }: Pick<ScreenProps, 'context'>) {
  const total = context.payment?.quote.totalFen ?? context.quote?.totalFen;
  return total === undefined ? null : <AmountDisplay fen={total} label={t('bill.pay.amount')} size="large" />;
}

export function PayQrView({ context, send }: ScreenProps) {
  const qr = context.payment?.qr;
  const seconds = useSecondsLeft(qr?.expiresAt);
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.qr.title')}</h1>
        <Amount context={context} />
        <p class={styles.countdown} data-seconds-left={seconds}>
          {t('bill.qr.countdown', { time: clock(seconds) })}
        </p>
      </div>
      <div class={`${styles.side} ${styles.qr}`}>
        {qr && <QrDisplay value={qr.content} label={t('bill.qr.label')} caption={t('bill.qr.caption')} />}
      </div>
      <Nav send={send} cancel />
    </div>
  );
}

export function PayCodeView({ context, send }: ScreenProps) {
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.code.title')}</h1>
        <Amount context={context} />
        <p class={styles.text}>{t('bill.code.text')}</p>
        {context.scannerDown && <p class={styles.notice}>{t('bill.code.scannerDown')}</p>}
      </div>
      <div class={`${styles.side} ${styles.prompt}`}>
        <MethodIcon method="payment-code" />
      </div>
      <Nav send={send} cancel back />
    </div>
  );
}

export function PayCardView({ context, send }: ScreenProps) {
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.card.title')}</h1>
        <Amount context={context} />
        <p class={styles.text}>{t('bill.card.text')}</p>
      </div>
      <div class={`${styles.side} ${styles.prompt}`}>
        <MethodIcon method="card" />
      </div>
      <Nav send={send} cancel back />
    </div>
  );
}
