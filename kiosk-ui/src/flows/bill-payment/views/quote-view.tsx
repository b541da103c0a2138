/** The quote to check (items, fee, total, until when), then the way to pay and what the receipt will be. */
import type { PayMethod } from '../../../../../hub-server/modules/billing/billing.contract.ts';
import { AmountDisplay } from '../../../components/amount-display/index.tsx';
import { BigButton } from '../../../components/big-button/index.tsx';
import { PageNav, usePage } from '../../../components/paged-list/index.tsx';
import { formatMoney, formatTime, t } from '../../../i18n/index.ts';
import { MethodIcon } from '../kind-icons.tsx';
import styles from '../style.module.css';
import { Nav, NoticeLine, type ScreenProps, usePortrait } from './parts.tsx';

export function QuoteView({ context, send }: ScreenProps) {
  const portrait = usePortrait();
  const items = context.quote?.items ?? [];
  const perPage = portrait ? 6 : 4;
  const { page, pages, setPage } = usePage(items, perPage);
  const quote = context.quote;
  if (!quote) return null;
  return (
    <div class={`${styles.split} ${styles.navUnder}`}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.quote.title')}</h1>
        <NoticeLine notice={context.notice} />
        <p class={styles.text}>
          {quote.biller.name} · {quote.biller.account.label} {quote.accountMasked}
        </p>
        <AmountDisplay fen={quote.totalFen} label={t('bill.quote.total')} size="large" />
        <p class={`${styles.text} ${styles.muted}`}>
          {t('bill.quote.expires', { time: formatTime(new Date(quote.expiresAt)) })}
        </p>
      </div>
      <div class={`${styles.side} ${styles.wide}`}>
        <div class={styles.panel}>
          <ul class={styles.rows} aria-label={t('bill.quote.items')}>
            {items.slice(page * perPage, (page + 1) * perPage).map((item) => (
              <li key={item.billId} class={styles.row}>
                <span>{item.period}</span>
                <span>{formatMoney(item.amountFen)}</span>
              </li>
            ))}
            <li class={`${styles.row} ${styles.rule}`}>
              <span>{t('bill.quote.fee')}</span>
              <span>{formatMoney(quote.feeFen)}</span>
            </li>
            <li class={styles.row}>
              <span>{t('bill.quote.total')}</span>
              <span>{formatMoney(quote.totalFen)}</span>
            </li>
          </ul>
          <PageNav page={page} pages={pages} onPage={setPage} />
        </div>
      </div>
      <Nav send={send} cancel back>
        <BigButton action="confirm-quote" onPress={() => send({ type: 'user.confirmQuote' })}>
          {t('bill.quote.confirm')}
        </BigButton>
      </Nav>
    </div>
  );
}

export function MethodView({ context, send }: ScreenProps) {
  // The printer as the agent last reported it: out of paper now means a QR receipt.
  const receipt = context.offer.receipt;
  const methods: { method: PayMethod; name: string; note: string }[] = [
    { method: 'qr', name: t('bill.method.qr'), note: t('bill.method.qrNote') },
    { method: 'payment-code', name: t('bill.method.code'), note: t('bill.method.codeNote') },
    ...(context.offer.cardPayment
      ? [{ method: 'card' as const, name: t('bill.method.card'), note: t('bill.method.cardNote') }]
      : []),
  ];
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.method.title')}</h1>
        <NoticeLine notice={context.notice} />
        {context.quote && (
          <AmountDisplay fen={context.quote.totalFen} label={t('bill.pay.amount')} size="large" />
        )}
        {!context.offer.cardPayment && (
          <p class={`${styles.text} ${styles.muted}`}>{t('bill.method.noCard')}</p>
        )}
        <p class={receipt === 'qr' ? styles.notice : `${styles.text} ${styles.muted}`} data-receipt={receipt}>
          {receipt === 'qr' ? t('bill.method.receiptQr') : t('bill.method.receiptPaper')}
        </p>
      </div>
      <div class={`${styles.side} ${styles.wide} ${styles.methods}`}>
        {methods.map(({ method, name, note }) => (
          <button
            key={method}
            type="button"
            class={styles.method}
            data-method={method}
            onClick={() => send({ type: 'user.chooseMethod', method })}
          >
            <MethodIcon method={method} />
            <span class={styles.methodText}>
              <span class={styles.methodName}>{name}</span>
              <span class={styles.methodNote}>{note}</span>
            </span>
          </button>
        ))}
      </div>
      <Nav send={send} cancel back />
    </div>
  );
}
