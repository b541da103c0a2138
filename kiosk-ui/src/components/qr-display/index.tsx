import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

export interface QrDisplayProps {
  /** What the code holds, e.g. a payment URL. */
  value: string;
  /** What the code is for, read out in place of the picture: "微信扫码缴费". */
  label: string;
  /** Words under the code, e.g. "请用手机扫描". */
  caption?: string;
}

/**
 * A QR code as inline SVG. Its encoder (qr-matrix.ts on lean-qr: byte mode, level M) is
 * loaded on first use so it sits in its own chunk, out of the start-up bundle; until then a box
 * of the same size holds the place, so nothing jumps.
 */
export function QrDisplay({ value, label, caption }: QrDisplayProps) {
  const [svg, setSvg] = useState<{ value: string; markup: string } | null>(null);
  useEffect(() => {
    let current = true;
    import('./qr-matrix.ts')
      .then(({ qrSvg }) => qrSvg(value, 2))
      .then((markup) => {
        if (current) setSvg({ value, markup });
      })
      .catch(() => {
        // Left as the placeholder: a code that cannot be drawn must not be half-drawn.
      });
    return () => {
      current = false;
    };
  }, [value]);

  const ready = svg !== null && svg.value === value;
  return (
    <figure class={styles.figure}>
      {ready ? (
        // The SVG is drawn by qr-matrix.ts from our own value: no markup from outside.
        <div
          class={styles.code}
          role="img"
          aria-label={label}
          data-qr="ready"
          dangerouslySetInnerHTML={{ __html: svg.markup }}
        />
      ) : (
        <div class={styles.code} role="img" aria-label={label} aria-busy="true" data-qr="loading">
          <span class={styles.loading}>{t('ds.qr.loading')}</span>
        </div>
      )}
      {caption && <figcaption class={styles.caption}>{caption}</figcaption>}
    </figure>
  );
}
