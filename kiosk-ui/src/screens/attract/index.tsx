import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PavilionArt } from '../../components/pavilion-art/index.tsx';
import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

/** One card of the attract loop: a registered service or one of the kiosk's promises. */
export interface Highlight {
  id: string;
  title: string;
  note: string;
  Icon?: ComponentType;
}

export interface AttractProps {
  highlights: Highlight[];
  /** How long each highlight shows; 6 s. */
  rotateMs?: number;
  onStart(): void;
}

/**
 * The screen nobody is using: a slow loop of what the kiosk offers and one
 * clear invitation. A touch anywhere on it starts a visit; the start button is
 * there for the keyboard (and the handset keypad later).
 */
export function AttractScreen({ highlights, rotateMs = 6_000, onStart }: AttractProps) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (highlights.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % highlights.length), rotateMs);
    return () => clearInterval(timer);
  }, [highlights.length, rotateMs]);
  const current = highlights[index % Math.max(1, highlights.length)];
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the big start button inside is the keyboard's way in; this is the finger's.
    <div class={styles.surface} onClick={onStart} data-attract data-tap>
      <section class={styles.highlights} aria-label={t('attract.highlights')}>
        {current && (
          <div key={current.id} class={styles.card} data-highlight={current.id}>
            {current.Icon ? (
              <span class={styles.icon} aria-hidden="true">
                <current.Icon />
              </span>
            ) : (
              <PavilionArt class={styles.art} />
            )}
            <h2 class={styles.title}>{current.title}</h2>
            <p class={styles.note}>{current.note}</p>
          </div>
        )}
        <ol class={styles.dots} aria-hidden="true">
          {highlights.map((h, i) => (
            <li key={h.id} class={i === index ? styles.dotOn : styles.dot} />
          ))}
        </ol>
      </section>
      <button type="button" class={styles.start} data-action="start" onClick={onStart}>
        <span class={styles.hand} aria-hidden="true">
          ☝
        </span>
        <span>
          <span class={styles.startTitle}>{t('attract.touch')}</span>
          <span class={styles.startNote}>{t('attract.touchNote')}</span>
        </span>
      </button>
    </div>
  );
}
