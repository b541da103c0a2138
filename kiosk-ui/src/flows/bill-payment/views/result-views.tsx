/** How it ended: paid (receipt printed, or its QR), not paid, or not known yet (hotline and id). */
import type { ComponentChildren } from 'preact';
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

/** Finish, after 再打印一张 while the paper receipt can be printed again. */
function Finish({ send, reprint = null }: Pick<ScreenProps, 'send'> & { reprint?: ReprintState }) {
  return (
    <Nav send={send}>
      {(reprint === 'offered' || reprint === 'printing') && (
        <BigButton
          variant="secondary"
          action="reprint"
          disabled={reprint === 'printing'}
          onPress={() => send({ type: 'user.reprint' })}
        >
          {t('bill.reprint')}
        </BigButton>
      )}
      <BigButton action="finish" onPress={() => send({ type: 'user.finish' })}>
        {t('bill.finish')}
      </BigButton>
    </Nav>
  );
}

/** The e-receipt's QR code, when there is no paper receipt to take. */
function EReceiptCode({ url }: { url: string | undefined }) {
  if (!url) return null;
  return (
    <div class={styles.qr}>
      <QrDisplay value={url} label={t('bill.eReceipt.label')} />
    </div>
  );
}

/**
 * Beside the words (under them in portrait): what to take from the kiosk and the e-receipt's
 * code, so that the sum and the transaction keep the room they need on a landscape screen.
 */
function Side({ children }: { children: ComponentChildren }) {
  return <div class={`${styles.side} ${styles.notes}`}>{children}</div>;
}

type ReprintState = ScreenProps['context']['reprint'];

const reprintKeys = {
  printing: 'bill.reprint.printing',
  done: 'bill.reprint.done',
  failed: 'bill.reprint.failed',
} as const;

/** "Take your receipt", or how its reprint went. */
function PaperNotice({ reprint, take }: { reprint: ReprintState; take: MessageKey }) {
  return (
    <p class={styles.notice} role="status" data-receipt="paper" data-reprint={reprint ?? ''}>
      {reprint && reprint !== 'offered' ? t(reprintKeys[reprint]) : t(take)}
    </p>
  );
}

/**
 * Paid: the sum, the transaction, and the receipt on paper (with "print it again" for two
 * minutes) or as a QR code to scan when it could not be printed.
 */
export function PaidView({ context, send, paper }: ScreenProps & { paper: boolean }) {
  const payment = context.payment;
  if (!payment) return null;
  const url = payment.receiptUrl;
  const { reprint } = context;
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={`${styles.title} ${styles.ok}`}>✓ {t('bill.done.title')}</h1>
        <AmountDisplay fen={payment.quote.totalFen} label={t('bill.done.amount')} size="large" />
        <p class={styles.text} data-transaction={payment.id}>
          {t('bill.done.ref', { id: payment.id })}
        </p>
        {!paper && (
          <p class={context.printFailed ? styles.notice : styles.text} data-receipt="qr">
            {context.printFailed
              ? t('bill.eReceipt.printFailed')
              : url
                ? t('bill.eReceipt.scan')
                : t('bill.eReceipt.none')}
          </p>
        )}
        {!paper && <CardNote context={context} />}
      </div>
      <Side>
        {paper && <PaperNotice reprint={reprint} take="bill.done.takeReceipt" />}
        {paper && <CardNote context={context} />}
        {(!paper || reprint === 'failed') && <EReceiptCode url={url} />}
      </Side>
      <Finish send={send} reprint={paper ? reprint : null} />
    </div>
  );
}

/**
 * The money was taken but the biller would not accept it, so it was given back: said plainly,
 * with the sum returned and the refund receipt (paper, printed again on request for two minutes,
 * or its QR code when it did not print).
 */
export function RefundedView({ context, send }: ScreenProps) {
  const payment = context.payment;
  if (!payment) return null;
  const paper = context.printed;
  const { reprint } = context;
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.refunded.title')}</h1>
        <p class={styles.text} data-reason={payment.reason ?? ''}>
          {t('bill.refunded.text', { biller: payment.quote.biller.name })}
        </p>
        <AmountDisplay fen={payment.quote.totalFen} label={t('bill.refunded.amount')} size="large" />
        <p class={styles.text} data-transaction={payment.id}>
          {t('bill.done.ref', { id: payment.id })}
        </p>
        {!paper && (
          <p class={styles.text} data-receipt="qr">
            {t('bill.eReceipt.scan')}
          </p>
        )}
        {!paper && <CardNote context={context} />}
      </div>
      <Side>
        {paper && <PaperNotice reprint={reprint} take="bill.refunded.takeReceipt" />}
        {paper && <CardNote context={context} />}
        {(!paper || reprint === 'failed') && <EReceiptCode url={payment.receiptUrl} />}
      </Side>
      <Finish send={send} reprint={paper ? reprint : null} />
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
  const message = t(failedKeys[reason ?? ''] ?? 'bill.failed.other');
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
