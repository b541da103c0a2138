import { t } from '../../i18n/index.ts';
import { cx } from '../../lib/class-names.ts';
import styles from './style.module.css';

export interface ProgressProps {
  /** What is happening, e.g. "正在打印收据". */
  label: string;
  /** A second line, e.g. "请不要取卡". */
  detail?: string;
  /** How far along, 0..1; left out when nobody knows (a calm moving band instead). */
  value?: number;
}

/** Something is happening: a bar with words, which also say how far it has got when that is known. */
export function Progress({ label, detail, value }: ProgressProps) {
  const known = value !== undefined;
  const percent = known ? Math.round(Math.min(1, Math.max(0, value)) * 100) : undefined;
  const words =
    percent !== undefined ? t('ds.progress.percent', { percent }) : (detail ?? t('ds.progress.wait'));
  return (
    <div class={styles.progress}>
      <p class={styles.label}>{label}</p>
      <div
        class={cx(styles.track, !known && styles.indeterminate)}
        role="progressbar"
        aria-label={label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={percent}
        aria-valuetext={words}
      >
        <div class={styles.fill} style={percent !== undefined ? { width: `${percent}%` } : undefined} />
      </div>
      <p class={styles.detail}>
        {percent !== undefined && <span class={styles.percent}>{t('ds.progress.percent', { percent })}</span>}
        {detail && <span>{detail}</span>}
      </p>
    </div>
  );
}
