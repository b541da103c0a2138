import { t } from '../../i18n/index.ts';
import { cx } from '../../lib/class-names.ts';
import type { PaperLevel, Tone } from '../../lib/status-words.ts';
import styles from './style.module.css';

export interface DeviceRow {
  /** The agent's device name, e.g. `printer`. */
  device: string;
  /** The agent's device state, e.g. `online`. */
  state: string;
  paper: PaperLevel | null;
  label: string;
  word: string;
  tone: Tone;
}

/** Each device and, in one plain word, how it is. */
export function DevicePanel({ rows }: { rows: DeviceRow[] }) {
  return (
    <section class={styles.panel} aria-labelledby="device-panel-title">
      <h2 id="device-panel-title" class={styles.title}>
        {t('devices.title')}
      </h2>
      {rows.length === 0 ? (
        <p class={styles.empty}>{t('devices.empty')}</p>
      ) : (
        <ul class={styles.list}>
          {rows.map(({ device, state, paper, label, word, tone }) => (
            <li
              key={device}
              class={cx(styles.row, styles[tone])}
              data-device={device}
              data-state={state}
              data-paper={paper ?? undefined}
            >
              <span class={styles.label}>{label}</span>
              <span class={styles.word}>{word}</span>
            </li>
          ))}
        </ul>
      )}
      <p class={styles.live}>{t('devices.live')}</p>
    </section>
  );
}
