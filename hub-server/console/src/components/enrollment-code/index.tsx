import { when } from '../../lib/format.ts';
import type { EnrollmentCode as Code } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import styles from './style.module.css';

/** The one-time enrollment code, big enough to read across a room, with its expiry. */
export function EnrollmentCode({ kioskId, code }: { kioskId: string; code: Code }) {
  return (
    <div class={styles.box} role="status">
      <p class={styles.label}>{t('enroll.codeFor', { id: kioskId })}</p>
      <p class={styles.code} data-enrollment-code={code.code}>
        {code.code}
      </p>
      <p class={styles.expires}>{t('enroll.expires', { at: when(code.expiresAt) })}</p>
    </div>
  );
}
