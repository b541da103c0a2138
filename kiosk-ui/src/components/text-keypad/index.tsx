import { t } from '../../i18n/index.ts';
import { BigButton } from '../big-button/index.tsx';
import styles from './style.module.css';

export interface TextKeypadProps {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  /** What is being entered, e.g. "请输入车牌号"; shown above the display and names the keypad. */
  label: string;
}

const digits = [...'1234567890'];
// Alphabetical, not QWERTY: most residents have never used a computer keyboard.
const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/**
 * An on-screen keypad for Latin letters (always upper case), digits and spaces, also driven by a
 * physical keyboard while focus is inside it. The display has a fixed size, so keys never move.
 */
export function TextKeypad({ value, onChange, maxLength, label }: TextKeypadProps) {
  const type = (char: string) => {
    if (value.length < maxLength) onChange(value + char);
  };
  const remove = () => onChange(value.slice(0, -1));
  const clear = () => onChange('');

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[0-9a-z ]$/i.test(event.key)) type(event.key.toUpperCase());
    else if (event.key === 'Backspace') remove();
    else if (event.key === 'Delete') clear();
    else return;
    // Stops Space from also clicking whichever key has focus.
    event.preventDefault();
  };

  const key = (char: string) => (
    <BigButton key={char} variant="secondary" onPress={() => type(char)} action={`char-${char}`}>
      {char}
    </BigButton>
  );

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the keypad itself takes focus so a keyboard can type into it.
    <fieldset class={styles.keypad} tabIndex={0} onKeyDown={onKeyDown}>
      <legend class={styles.label}>{label}</legend>
      <div class={styles.display} aria-live="polite" aria-atomic="true">
        {value ? (
          // Spaces are kept visible as a gap rather than collapsed.
          <span class={styles.value}>{value}</span>
        ) : (
          <span class={styles.hidden}>{t('ds.keypad.empty')}</span>
        )}
      </div>
      <div class={styles.keys}>
        {digits.map(key)}
        {letters.map(key)}
        <div class={styles.space}>
          <BigButton variant="secondary" onPress={() => type(' ')} action="space">
            {t('ds.keypad.space')}
          </BigButton>
        </div>
      </div>
      <div class={styles.edit}>
        <BigButton variant="secondary" onPress={clear} action="clear">
          {t('ds.keypad.clear')}
        </BigButton>
        <BigButton variant="secondary" onPress={remove} action="delete" icon="⌫">
          {t('ds.keypad.delete')}
        </BigButton>
      </div>
    </fieldset>
  );
}
