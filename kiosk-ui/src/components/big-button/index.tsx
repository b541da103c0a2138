import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { cx } from '../../lib/class-names.ts';
import styles from './style.module.css';

export type BigButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

export interface BigButtonProps {
  children: ComponentChildren;
  onPress?: () => void;
  variant?: BigButtonVariant;
  /** A glyph or small SVG before the words; hidden from assistive technology (the words say it). */
  icon?: ComponentChildren;
  disabled?: boolean;
  /** Rendered as `data-action`, so tests and the journey machines' logs can name the button. */
  action?: string;
  /** Focuses the button when it mounts (and marks it `autofocus`, which Dialog looks for). */
  autoFocus?: boolean;
  type?: 'button' | 'submit' | 'reset';
}

/**
 * The kiosk's one button: at least 64 px each way, a large label, and a pressed look that
 * changes only colour, so nothing moves under the finger. Size the label from a parent with
 * `--big-button-font-size` (keypads do).
 */
export function BigButton({
  children,
  onPress,
  variant = 'primary',
  icon,
  disabled,
  action,
  autoFocus,
  type = 'button',
}: BigButtonProps) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return (
    <button
      ref={ref}
      type={type}
      class={cx(styles.button, styles[variant])}
      onClick={onPress}
      disabled={disabled}
      data-action={action}
      autofocus={autoFocus}
    >
      {icon !== undefined && (
        <span class={styles.icon} aria-hidden="true">
          {icon}
        </span>
      )}
      <span class={styles.label}>{children}</span>
    </button>
  );
}
