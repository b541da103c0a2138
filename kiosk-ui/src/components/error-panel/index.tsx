import { t } from '../../i18n/index.ts';
import { BigButton } from '../big-button/index.tsx';
import styles from './style.module.css';

export interface ErrorPanelProps {
  /** What went wrong, in a few plain words: "收据没有打印出来". */
  title: string;
  /** What it means and what to do now. */
  message: string;
  onRetry?: () => void;
  onBack?: () => void;
  onHelp?: () => void;
}

/** Says what went wrong and offers a way on: retry, back, call for help (only those given). */
export function ErrorPanel({ title, message, onRetry, onBack, onHelp }: ErrorPanelProps) {
  return (
    <section class={styles.panel} role="alert">
      <div class={styles.head}>
        <span class={styles.icon} aria-hidden="true">
          !
        </span>
        <h2 class={styles.title}>{title}</h2>
      </div>
      <p class={styles.message}>{message}</p>
      {(onRetry || onBack || onHelp) && (
        <div class={styles.actions}>
          {onRetry && (
            <BigButton onPress={onRetry} action="retry" icon="↻">
              {t('ds.error.retry')}
            </BigButton>
          )}
          {onBack && (
            <BigButton variant="secondary" onPress={onBack} action="back" icon="‹">
              {t('ds.error.back')}
            </BigButton>
          )}
          {onHelp && (
            <BigButton variant="secondary" onPress={onHelp} action="help" icon="☎">
              {t('ds.error.help')}
            </BigButton>
          )}
        </div>
      )}
    </section>
  );
}
