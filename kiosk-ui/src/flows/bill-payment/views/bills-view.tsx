/** The bills due, oldest first and all ticked; the resident may untick some. Or, plainly, none due. */
import type { Bill } from '../../../../../hub-server/modules/billing/billing.contract.ts';
import { AmountDisplay } from '../../../components/amount-display/index.tsx';
import { BigButton } from '../../../components/big-button/index.tsx';
import { PagedList } from '../../../components/paged-list/index.tsx';
import { formatMoney, t } from '../../../i18n/index.ts';
import styles from '../style.module.css';
import { Nav, type ScreenProps, useLargeText, usePortrait } from './parts.tsx';

/**
 * Bills a page: few enough for big rows beside the text (landscape) or under it (portrait); in
 * large text under it, two.
 */
const billsPerPage = (portrait: boolean, large: boolean) => (portrait ? (large ? 2 : 5) : 3);

export function BillsView({ context, send }: ScreenProps) {
  const portrait = usePortrait();
  const large = useLargeText();
  const lookup = context.lookup;
  if (!lookup) return null;
  const chosen = lookup.bills.filter((bill) => context.selected.includes(bill.id));
  const total = chosen.reduce((sum, bill) => sum + bill.amountFen, 0);
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.bills.title')}</h1>
        <p class={styles.text}>
          {lookup.biller.name} ·{' '}
          {t('bill.holder', { holder: lookup.holderMasked, account: lookup.accountMasked })}
        </p>
        <div class={styles.summary} aria-live="polite">
          {chosen.length > 0 ? (
            <AmountDisplay
              fen={total}
              label={t('bill.bills.selected', { count: chosen.length })}
              size="large"
            />
          ) : (
            <p class={styles.notice}>{t('bill.bills.noneSelected')}</p>
          )}
        </div>
      </div>
      <div class={`${styles.side} ${styles.wide}`}>
        <PagedList
          items={lookup.bills}
          pageSize={billsPerPage(portrait, large)}
          label={t('bill.bills.list')}
          keyOf={(bill) => bill.id}
          renderItem={(bill) => (
            <BillRow bill={bill} checked={context.selected.includes(bill.id)} send={send} />
          )}
        />
      </div>
      <Nav send={send} cancel back>
        <BigButton action="next" onPress={() => send({ type: 'user.next' })} disabled={chosen.length === 0}>
          {t('bill.next')}
        </BigButton>
      </Nav>
    </div>
  );
}

function BillRow({ bill, checked, send }: { bill: Bill; checked: boolean; send: ScreenProps['send'] }) {
  return (
    // A checkbox drawn as a big touch row with three parts; a native input cannot hold them.
    // biome-ignore lint/a11y/useSemanticElements: see above.
    <button
      type="button"
      role="checkbox"
      aria-checked={checked}
      class={styles.bill}
      data-bill={bill.id}
      onClick={() => send({ type: 'user.toggleBill', billId: bill.id })}
    >
      <span class={styles.check} aria-hidden="true">
        {checked ? '✓' : ''}
      </span>
      <span class={styles.billText}>
        <span>{bill.period}</span>
        <span>
          {bill.overdue && <span class={styles.overdue}>{t('bill.bills.overdue')} · </span>}
          {t('bill.bills.due', { date: bill.dueDate })}
          {bill.lateFeeFen > 0 && ` · ${t('bill.bills.lateFee', { amount: formatMoney(bill.lateFeeFen) })}`}
        </span>
      </span>
      <span class={styles.billAmount}>{formatMoney(bill.amountFen)}</span>
    </button>
  );
}

export function NoBillsView({ context, send }: ScreenProps) {
  const lookup = context.lookup;
  return (
    <>
      <div class={styles.body}>
        <div class={styles.panel}>
          <h1 class={`${styles.title} ${styles.ok}`}>✓ {t('bill.noBills.title')}</h1>
          {lookup && (
            <p class={styles.text}>
              {lookup.biller.name} ·{' '}
              {t('bill.holder', { holder: lookup.holderMasked, account: lookup.accountMasked })}
            </p>
          )}
          <p class={styles.text}>{t('bill.noBills.text')}</p>
        </div>
      </div>
      <Nav send={send}>
        <BigButton variant="secondary" action="other-account" onPress={() => send({ type: 'user.back' })}>
          {t('bill.noBills.other')}
        </BigButton>
        <BigButton action="leave" onPress={() => send({ type: 'user.cancel' })}>
          {t('bill.leave')}
        </BigButton>
      </Nav>
    </>
  );
}
