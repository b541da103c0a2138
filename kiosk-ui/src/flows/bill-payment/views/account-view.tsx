/** The account: typed on the keypad the biller asks for, checked against its format before the lookup. */
import { BigButton } from '../../../components/big-button/index.tsx';
import { NumericKeypad } from '../../../components/numeric-keypad/index.tsx';
import { TextKeypad } from '../../../components/text-keypad/index.tsx';
import { t } from '../../../i18n/index.ts';
import { MAX_ACCOUNT_LENGTH } from '../bill-payment.rules.ts';
import styles from '../style.module.css';
import { Nav, type ScreenProps } from './parts.tsx';

export function AccountView({ context, send }: ScreenProps) {
  const { biller, account, accountProblem } = context;
  if (!biller) return null;
  const label = biller.account.label;
  const type = (value: string) => send({ type: 'user.typeAccount', value });
  const submit = () => send({ type: 'user.submitAccount' });
  const problem =
    accountProblem === 'format'
      ? t('bill.account.badFormat')
      : accountProblem === 'not-found'
        ? t('bill.account.notFound')
        : null;
  return (
    <div class={styles.split}>
      <div class={styles.stack}>
        <h1 class={styles.title}>{t('bill.account.title', { label })}</h1>
        <p class={styles.text}>{t('bill.account.where', { biller: biller.name })}</p>
        <p class={`${styles.text} ${styles.muted}`}>
          {t('bill.account.example', { example: biller.account.example })}
        </p>
        {problem && (
          <p class={styles.notice} role="alert" data-problem={accountProblem}>
            {problem}
          </p>
        )}
        {context.offer.scanner && biller.barcode && (
          <p class={`${styles.text} ${styles.muted}`}>
            {context.scannerDown ? t('bill.account.scannerDown') : t('bill.account.scan')}
          </p>
        )}
      </div>
      <div class={styles.side}>
        {biller.account.keypad === 'numeric' ? (
          <NumericKeypad value={account} onChange={type} maxLength={MAX_ACCOUNT_LENGTH} label={label} />
        ) : (
          <TextKeypad value={account} onChange={type} maxLength={MAX_ACCOUNT_LENGTH} label={label} />
        )}
      </div>
      <Nav send={send} cancel back>
        <BigButton action="look-up" onPress={submit} disabled={account.length === 0}>
          {t('bill.account.submit')}
        </BigButton>
      </Nav>
    </div>
  );
}
