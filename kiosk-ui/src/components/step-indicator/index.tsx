import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

export interface StepIndicatorProps {
  /** The steps' short names, in order. */
  steps: string[];
  /** The step the resident is on, counted from 1 (as the words say it: "第 2 步"). */
  current: number;
}

/** Where the resident is in a journey: "第 2 步，共 4 步" and every step by name. */
export function StepIndicator({ steps, current }: StepIndicatorProps) {
  const count = t('ds.steps.count', { current, total: steps.length });
  return (
    <div class={styles.steps}>
      <p class={styles.count}>{count}</p>
      <ol class={styles.list} aria-label={count}>
        {steps.map((name, index) => {
          const n = index + 1;
          const state = n < current ? 'done' : n === current ? 'current' : 'todo';
          return (
            <li
              key={name}
              class={styles.step}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span class={styles.mark} aria-hidden="true">
                {state === 'done' ? '✓' : n}
              </span>
              <span class={styles.name}>
                {name}
                {state === 'done' && <span class={styles.hidden}>{t('ds.steps.done')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
