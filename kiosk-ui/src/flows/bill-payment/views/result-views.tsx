/** How it ended: paid (receipt printed, or its QR), not paid, or not known yet (hotline and id). */
import { AmountDisplay } from '../../../components/amount-display/index.tsx';
import { BigButton } from '../../../components/big-button/index.tsx';
import { QrDisplay } from '../../../components/qr-display/index.tsx';
import { type MessageKey, t } from '../../../i18n/index.ts';
import styles from '../style.module.css';
import { Nav, type ScreenProps } from './parts.tsx';

function CardNote({ context }: Pick<ScreenProps, 'context'>) {
  if (context.method !== 'card') return null;
  return (
    <p class={styles.notice} role="status">
      {context.cardStuck ? t('bill.cardStuck') : t('bill.takeCard')}
    </p>
  );
}

function Finish({ send }: Pick<ScreenProps, 'send'>) {
  return (
    <Nav send={send}>
      <BigButton action="finish" onPress={() => send({ type: 'user.finish' })}>
        {t('bill.finish')}
      </BigButton>
    </Nav>
  );
}

/** Paid: the sum, the transaction, and the receipt on paper or as a QR code to scan. */
export function PaidView({ context, send, paper }: ScreenProps & { paper: boolean }) {
  const payment = context.payment;
  if (!payment) return null;
  const url = payment.receiptUrl;
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={`${styles.title} ${styles.ok}`}>✓ {t('bill.done.title')}</h1>
        <AmountDisplay fen={payment.quote.totalFen} label={t('bill.done.amount')} size="large" />
        <p class={styles.text}>{t('bill.done.ref', { id: payment.id })}</p>
        {paper && <p class={styles.notice}>{t('bill.done.takeReceipt')}</p>}
        {!paper && (
          <p class={context.printFailed ? styles.notice : styles.text}>
            {context.printFailed
              ? t('bill.eReceipt.printFailed')
              : url
                ? t('bill.eReceipt.scan')
                : t('bill.eReceipt.none')}
          </p>
        )}
        <CardNote context={context} />
      </div>
      {!paper && url && (
        <div class={`${styles.side} ${styles.qr}`}>
          <QrDisplay value={url} label={t('bill.eReceipt.label')} />
        </div>
      )}
      <Finish send={send} />
    </div>
  );
}

/** Why a payment did not go through, in words that also say no money was taken. */
const failedKeys: Record<string, MessageKey> = {
  'card-declined': 'bill.failed.declined',
  'payment-declined': 'bill.failed.codeDeclined',
  'pin-required': 'bill.failed.pinRequired',
};

export function FailedView({ context, send }: ScreenProps) {
  const reason = context.payment?.reason ?? context.problem;
  const refunded = context.payment?.state === 'refunded';
  const message = refunded ? t('bill.failed.refunded') : t(failedKeys[reason ?? ''] ?? 'bill.failed.other');
  return (
    <>
      <div class={styles.body}>
        <div class={styles.panel}>
          <h1 class={styles.title}>{t('bill.failed.title')}</h1>
          <p class={styles.text} data-reason={reason ?? ''}>
            {message}
          </p>
          <CardNote context={context} />
        </div>
      </div>
      <Nav send={send}>
        <BigButton variant="secondary" action="leave" onPress={() => send({ type: 'user.cancel' })}>
          {t('bill.leave')}
        </BigButton>
        <BigButton action="other-method" onPress={() => send({ type: 'user.otherMethod' })}>
          {t('bill.failed.otherMethod')}
        </BigButton>
      </Nav>
    </>
  );
}

/** Not known yet: do not pay again; the hotline and the transaction id to give it. */
export function UnknownView({ context, send }: ScreenProps) {
  return (
    <>
      <div class={styles.body}>
        <div class={styles.panel}>
          <h1 class={styles.title}>{t('bill.unknown.title')}</h1>
          <p class={styles.text}>{t('bill.unknown.text')}</p>
          <div class={styles.facts}>
            <p class={styles.hotline}>12345</p>
            <p class={styles.fact}>
              <span class={styles.muted}>{t('bill.unknown.id')}</span>
              <span class={styles.reference} data-transaction={context.payment?.id ?? ''}>
                {context.payment?.id ?? '—'}
              </span>
            </p>
          </div>
          <CardNote context={context} />
        </div>
      </div>
      <Finish send={send} />
    </>
  );
}
