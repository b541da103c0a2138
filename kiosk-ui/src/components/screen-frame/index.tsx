import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { KioskIdentity } from '../../../../kiosk-agent/api/contract.ts';
import { getLocale } from '../../i18n/index.ts';
import { TopBar } from '../top-bar/index.tsx';
import styles from './style.module.css';

export interface ScreenFrameProps {
  /** Rendered as `data-screen`: what tests, the heartbeat and the bench name the screen by. */
  screen: string;
  kiosk: KioskIdentity | null;
  /** The control bar; the same on every screen. */
  controls: ComponentChildren;
  /** A line of small print above the control bar (kiosk id, version). */
  footer?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * Every screen's frame: who and where the kiosk is at the top, the screen's
 * content in the middle (it never scrolls), the control bar at the foot.
 */
export function ScreenFrame({ screen, kiosk, controls, footer, children }: ScreenFrameProps) {
  const main = useRef<HTMLElement>(null);
  // The button that was pressed is gone with the old screen: start the keyboard (and a screen
  // reader) at the top of the new one rather than at the top of the page. After the frame that shows
  // the new screen: focus() makes the browser bring the page's style up to date there and then,
  // work that would otherwise come before the new screen is painted. A key pressed in between has
  // already put the focus somewhere on the page, and it is left there.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected)
      main.current?.focus({ preventScroll: true });
  }, [screen]);
  return (
    <div class={styles.frame} data-screen={screen}>
      <TopBar
        kioskName={kiosk?.name ?? null}
        kioskAddress={kiosk?.address ?? null}
        timeZone={kiosk?.timeZone}
        locale={getLocale()}
      />
      <main class={styles.main} id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      {footer && <div class={styles.footer}>{footer}</div>}
      {controls}
    </div>
  );
}
