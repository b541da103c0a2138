import type { ApiError } from '../../lib/api.ts';
import { t } from '../../messages/index.ts';
import styles from './style.module.css';

/** Shows the hub's own message for a failed call (the envelope's `message`), announced to screen readers. */
export function ErrorNote({ error }: { error: ApiError }) {
  const message = error.code === 'network-error' ? t('common.networkError') : error.message;
  return (
    <p class={styles.error} role="alert" data-error-code={error.code}>
      {t('common.error', { message })}
    </p>
  );
}
