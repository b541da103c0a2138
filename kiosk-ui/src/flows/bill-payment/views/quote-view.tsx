/** The quote to check (items, fee, total, until when), then the way to pay and what the receipt will be. */
import type { PayMethod } from '../../../../../hub-server/modules/billing/billing.contract.ts';
import { AmountDisplay } from '../../../components/amount-display/index.tsx';
import { BigButton } from '../../../components/big-button/index.tsx';
import { formatMoney, formatTime, t } from '../../../i18n/index.ts';
import { MethodIcon } from '../kind-icons.tsx';
import styles from '../style.module.css';
import { Nav, NoticeLine, type ScreenProps } from './parts.tsx';

export function QuoteView({ context, send }: ScreenProps) {
  const quote = context.quote;
  if (!quote) return null;
  return (
    <>
      <div class={styles.body}>
        <h1 class={styles.title}>{t('bill.quote.title')}</h1>
        <NoticeLine notice={context.notice} />
        <div class={styles.panel}>
          <p class={styles.text}>
            {quote.biller.name} · {quote.biller.account.label} {quote.accountMasked}
          </p>
          <ul class={styles.rows} aria-label={t('bill.quote.items')}>
            {quote.items.map((item) => (
              <li key={item.billId} class={styles.row}>
                <span>{item.period}</span>
                <span>{formatMoney(item.amountFen)}</span>
              </li>
            ))}
            <li class={`${styles.row} ${styles.rule}`}>
              <span>{t('bill.quote.fee')}</span>
              <span>{formatMoney(quote.feeFen)}</span>
            </li>
          </ul>
          <div class={styles.summary}>
            <AmountDisplay fen={quote.totalFen} label={t('bill.quote.total')} size="large" />
            <p class={`${styles.text} ${styles.muted}`}>
              {t('bill.quote.expires', { time: formatTime(new Date(quote.expiresAt)) })}
            </p>
          </div>
        </div>
      </div>
      <Nav send={send} cancel back>
        <BigButton action="confirm-quote" onPress={() => send({ type: 'user.confirmQuote' })}>
          {t('bill.quote.confirm')}
        </BigButton>
      </Nav>
    </>
  );
}

export function MethodView({ context, send }: ScreenProps) {
  const methods: { method: PayMethod; name: string; note: string }[] = [
    { method: 'qr', name: t('bill.method.qr'), note: t('bill.method.qrNote') },
    { method: 'payment-code', name: t('bill.method.code'), note: t('bill.method.codeNote') },
    ...(context.offer.cardPayment
      ? [{ method: 'card' as const, name: t('bill.method.card'), note: t('bill.method.cardNote') }]
      : []),
  ];
  return (
    <>
      <div class={styles.body}>
        <h1 class={styles.title}>{t('bill.method.title')}</h1>
        <NoticeLine notice={context.notice} />
        {context.quote && <AmountDisplay fen={context.quote.totalFen} label={t('bill.pay.amount')} />}
        <div class={styles.methods}>
          {methods.map(({ method, name, note }) => (
            <button
              key={method}
              type="button"
              class={styles.method}
              data-method={method}
              onClick={() => send({ type: 'user.chooseMethod', method })}
            >
              <MethodIcon method={method} />
              <span class={styles.stack}>
                <span class={styles.methodName}>{name}</span>
                <span class={styles.methodNote}>{note}</span>
              </span>
            </button>
          ))}
        </div>
        {!context.offer.cardPayment && (
          <p class={`${styles.text} ${styles.muted}`}>{t('bill.method.noCard')}</p>
        )}
        <p
          class={context.receipt === 'qr' ? styles.notice : `${styles.text} ${styles.muted}`}
          data-receipt={context.receipt}
        >
          {context.receipt === 'qr' ? t('bill.method.receiptQr') : t('bill.method.receiptPaper')}
        </p>
      </div>
      <Nav send={send} cancel back />
    </>
  );
}
