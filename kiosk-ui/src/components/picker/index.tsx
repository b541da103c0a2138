import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { cx } from '../../lib/class-names.ts';
import { PageNav, usePage } from '../paged-list/index.tsx';
import styles from './style.module.css';

export interface PickerOption {
  value: string;
  label: string;
  /** A second, smaller line, e.g. the amount due. */
  note?: string;
  disabled?: boolean;
}

export interface PickerProps {
  /** The question, e.g. "请选择缴费项目"; names the group. */
  label: string;
  options: PickerOption[];
  value: string | null;
  onChange: (value: string) => void;
  pageSize: number;
}

const keySteps: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/**
 * Choose one of several, a page at a time: a radio group whose options are big buttons.
 * Arrow keys move the choice (turning the page when they run off it), as with native radios.
 */
export function Picker({ label, options, value, onChange, pageSize }: PickerProps) {
  const labelId = useId();
  const chosenIndex = options.findIndex((option) => option.value === value);
  const { page, pages, setPage } = usePage(
    options,
    pageSize,
    Math.max(0, Math.floor(chosenIndex / pageSize)),
  );
  const shown = options.slice(page * pageSize, (page + 1) * pageSize);
  const groupRef = useRef<HTMLDivElement>(null);
  const focusValue = useRef<string | null>(null);

  // After an arrow key turned the page, focus follows the choice onto the new page.
  useLayoutEffect(() => {
    if (focusValue.current === null) return;
    const wanted = focusValue.current;
    focusValue.current = null;
    const buttons = groupRef.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]') ?? [];
    for (const button of buttons) if (button.dataset.value === wanted) button.focus();
  });

  const move = (from: number, step: number) => {
    for (let i = from + step; i >= 0 && i < options.length; i += step) {
      const option = options[i];
      if (!option || option.disabled) continue;
      focusValue.current = option.value;
      setPage(Math.floor(i / pageSize));
      onChange(option.value);
      return;
    }
  };

  // The one option reachable by Tab: the chosen one when it is on this page, else the first enabled.
  const tabStop =
    shown.find((o) => o.value === value && !o.disabled)?.value ?? shown.find((o) => !o.disabled)?.value;

  return (
    <div class={styles.picker}>
      <p id={labelId} class={styles.label}>
        {label}
      </p>
      <div ref={groupRef} class={styles.options} role="radiogroup" aria-labelledby={labelId}>
        {shown.map((option) => {
          const checked = option.value === value;
          const index = options.indexOf(option);
          return (
            // A radio drawn as a big touch card with a second line; a native radio input cannot take arrow keys across pages.
            // biome-ignore lint/a11y/useSemanticElements: see above.
            <button
              key={option.value}
              type="button"
              role="radio"
              aria-checked={checked}
              class={cx(styles.option, checked && styles.checked)}
              disabled={option.disabled}
              tabIndex={option.value === tabStop ? 0 : -1}
              data-value={option.value}
              onClick={() => onChange(option.value)}
              onKeyDown={(event) => {
                const step = keySteps[event.key];
                if (step === undefined) return;
                event.preventDefault();
                move(index, step);
              }}
            >
              <span class={styles.dot} aria-hidden="true" />
              <span class={styles.text}>
                <span class={styles.optionLabel}>{option.label}</span>
                {option.note && <span class={styles.note}>{option.note}</span>}
              </span>
            </button>
          );
        })}
      </div>
      <PageNav page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
