import { formatMoney } from '../../i18n/index.ts';
import { cx } from '../../lib/class-names.ts';
import styles from './style.module.css';

export interface AmountDisplayProps {
  /** The sum in fen (integer hundredths of a yuan). */
  fen: number;
  /** What the sum is, e.g. "应缴金额". */
  label: string;
  size?: 'normal' | 'large';
}

/** A sum of money with its label, written the way the current language writes yuan. */
export function AmountDisplay({ fen, label, size = 'normal' }: AmountDisplayProps) {
  return (
    <p class={cx(styles.amount, styles[size])}>
      <span class={styles.label}>{label}</span>
      <span class={styles.value} data-amount={fen}>
        {formatMoney(fen)}
      </span>
    </p>
  );
}
