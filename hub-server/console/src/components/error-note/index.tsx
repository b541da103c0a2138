import type { ApiError } from '../../lib/api.ts';
import { t, tOr } from '../../messages/index.ts';
import styles from './style.module.css';

/**
 * Shows a failed call: a Chinese line for the codes the console knows, and always the hub's own
 * message from the envelope (it carries details such as the lockout's end), announced to screen readers.
 */
export function ErrorNote({ error }: { error: ApiError }) {
  if (error.code === 'network-error') {
    return (
      <p class={styles.error} role="alert" data-error-code={error.code}>
        {t('common.networkError')}
      </p>
    );
  }
  const known = tOr(`err.${error.code}`, '');
  return (
    <p class={styles.error} role="alert" data-error-code={error.code}>
      {known ? `${known}。` : t('common.error', { message: '' })}
      <span class={styles.detail}>{error.message}</span>
    </p>
  );
}
