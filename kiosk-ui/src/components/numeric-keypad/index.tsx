import { t } from '../../i18n/index.ts';
import { BigButton } from '../big-button/index.tsx';
import styles from './style.module.css';

export interface NumericKeypadProps {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  /** What is being entered, e.g. "请输入户号"; shown above the display and names the keypad. */
  label: string;
  /** Shows a dot per digit instead of the digits (PINs, ID numbers). */
  mask?: boolean;
  /** When given, an OK key appears and Enter presses it. */
  onSubmit?: () => void;
}

const digitRows = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * An on-screen number pad for touch, also driven by a physical keyboard or the handset keypad
 * (digits, Backspace, Delete to clear, Enter) while focus is anywhere inside it. The display
 * has a fixed size, so the keys never move as digits are typed.
 */
export function NumericKeypad({ value, onChange, maxLength, label, mask, onSubmit }: NumericKeypadProps) {
  const type = (digit: string) => {
    if (value.length < maxLength) onChange(value + digit);
  };
  const remove = () => onChange(value.slice(0, -1));
  const clear = () => onChange('');

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[0-9]$/.test(event.key)) type(event.key);
    else if (event.key === 'Backspace') remove();
    else if (event.key === 'Delete') clear();
    else if (event.key === 'Enter' && onSubmit) onSubmit();
    else return;
    // Stops Enter or Space from also clicking whichever key has focus.
    event.preventDefault();
  };

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the keypad itself takes focus so the handset keypad can type into it.
    <fieldset class={styles.keypad} tabIndex={0} onKeyDown={onKeyDown}>
      <legend class={styles.label}>{label}</legend>
      <div class={styles.display} aria-live="polite" aria-atomic="true">
        {mask ? (
          <>
            <span aria-hidden="true">{'●'.repeat(value.length)}</span>
            <span class={styles.hidden}>{t('ds.keypad.entered', { count: value.length })}</span>
          </>
        ) : (
          value || <span class={styles.hidden}>{t('ds.keypad.empty')}</span>
        )}
      </div>
      <div class={styles.keys}>
        {digitRows.map((digit) => (
          <BigButton key={digit} variant="secondary" onPress={() => type(digit)} action={`digit-${digit}`}>
            {digit}
          </BigButton>
        ))}
        <BigButton variant="secondary" onPress={clear} action="clear">
          {t('ds.keypad.clear')}
        </BigButton>
        <BigButton variant="secondary" onPress={() => type('0')} action="digit-0">
          0
        </BigButton>
        <BigButton variant="secondary" onPress={remove} action="delete" icon="⌫">
          {t('ds.keypad.delete')}
        </BigButton>
        {onSubmit && (
          <div class={styles.submit}>
            <BigButton onPress={onSubmit} action="submit">
              {t('ds.keypad.ok')}
            </BigButton>
          </div>
        )}
      </div>
    </fieldset>
  );
}
