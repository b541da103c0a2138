import { t } from '../../messages/index.ts';
import styles from './style.module.css';

/** Heartbeats per bucket as bars in an inline SVG; the total is the accessible name. */
export function Sparkline({ counts }: { counts: number[] }) {
  const w = 4;
  const h = 40;
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <svg
      class={styles.spark}
      viewBox={`0 0 ${counts.length * w} ${h}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={t('kiosk.sparklineLabel', { n: total })}
      data-sparkline-total={total}
    >
      {counts.map((c, i) => {
        const bar = c === 0 ? 1 : Math.max(3, (c / max) * h);
        return (
          <rect
            key={i}
            x={i * w + 0.5}
            y={h - bar}
            width={w - 1}
            height={bar}
            class={c ? styles.on : styles.off}
          />
        );
      })}
    </svg>
  );
}
