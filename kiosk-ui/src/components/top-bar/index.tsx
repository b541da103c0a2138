import { memo } from '../../lib/memo.ts';
import { BrandMark } from '../brand-mark/index.tsx';
import { LiveClock } from '../live-clock/index.tsx';
import styles from './style.module.css';

export interface TopBarProps {
  /** The kiosk's name and address, once the agent has said them. */
  kioskName: string | null;
  kioskAddress: string | null;
  /** The kiosk's IANA time zone; the clock shows local time there. */
  timeZone?: string;
  /** The language shown: the bar re-renders only when this or the kiosk changes (the clock ticks itself). */
  locale: string;
}

/** Brand, which kiosk this is and where, and the time. */
export const TopBar = memo(function TopBar({ kioskName, kioskAddress, timeZone }: TopBarProps) {
  return (
    <header class={styles.bar}>
      <div class={styles.brand}>
        <BrandMark />
      </div>
      <div class={styles.identity}>
        {kioskName && (
          <p class={styles.name} data-kiosk-name>
            {kioskName}
          </p>
        )}
        {kioskAddress && <p class={styles.address}>{kioskAddress}</p>}
      </div>
      <div class={styles.clock}>
        <LiveClock timeZone={timeZone} />
      </div>
    </header>
  );
});
