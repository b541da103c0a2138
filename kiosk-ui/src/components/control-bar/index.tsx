import { t } from '../../i18n/index.ts';
import { memo } from '../../lib/memo.ts';
import styles from './style.module.css';

export interface ControlBarProps {
  /** Home and Finish are offered only inside a resident's session. */
  inSession: boolean;
  /** Home is offered inside a service flow. */
  inFlow: boolean;
  largeText: boolean;
  highContrast: boolean;
  /** The language the button switches to (shown in that language). */
  otherLocale: 'zh-CN' | 'en';
  /** The language shown: the bar re-renders when it changes (its words come through t()). */
  locale: string;
  onLanguage(): void;
  onLargeText(): void;
  onContrast(): void;
  onHelp(): void;
  onHome(): void;
  onFinish(): void;
}

/**
 * The bar along the foot of every screen: always in the same place, so a
 * resident who is lost finds Help, the language and large text where they
 * were. Toggles say their state with aria-pressed and with a filled look.
 */
export const ControlBar = memo(function ControlBar(props: ControlBarProps) {
  const { inSession, inFlow, largeText, highContrast, otherLocale } = props;
  return (
    <nav class={styles.bar} aria-label={t('controls.label')}>
      <div class={styles.group}>
        {inFlow && (
          <button type="button" class={styles.control} data-action="home" onClick={props.onHome}>
            <Glyph d="M4 11 12 4l8 7v9h-5v-6H9v6H4z" />
            {t('controls.home')}
          </button>
        )}
        {inSession && (
          <button type="button" class={styles.control} data-action="finish" onClick={props.onFinish}>
            <Glyph d="M6 6l12 12M18 6 6 18" />
            {t('controls.finish')}
          </button>
        )}
      </div>
      <div class={styles.group}>
        <button
          type="button"
          class={styles.control}
          data-action="language"
          aria-label={t('controls.languageLabel')}
          onClick={props.onLanguage}
        >
          <Glyph d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18" />
          <span lang={otherLocale}>{t('controls.language')}</span>
        </button>
        <button
          type="button"
          class={styles.control}
          data-action="large-text"
          aria-pressed={largeText}
          onClick={props.onLargeText}
        >
          <span class={styles.bigA} aria-hidden="true">
            A<span>A</span>
          </span>
          {t('controls.largeText')}
        </button>
        <button
          type="button"
          class={styles.control}
          data-action="contrast"
          aria-pressed={highContrast}
          onClick={props.onContrast}
        >
          <svg class={styles.glyph} viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M12 3a9 9 0 0 0 0 18z" fill="currentColor" />
          </svg>
          {t('controls.contrast')}
        </button>
        <button
          type="button"
          class={`${styles.control} ${styles.help}`}
          data-action="help"
          onClick={props.onHelp}
        >
          <Glyph d="M9.2 9a3 3 0 1 1 4.3 2.7c-.9.4-1.5 1.2-1.5 2.2V15M12 18.2v.3M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18" />
          {t('controls.help')}
        </button>
      </div>
    </nav>
  );
});

/** A line-drawn icon; memoised, since the bar re-renders on each language or setting change. */
const Glyph = memo(function Glyph({ d }: { d: string }) {
  return (
    <svg class={styles.glyph} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
});
