import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
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
  // reader) at the top of the new one rather than at the top of the page. A layout effect, so it
  // happens as the screen is committed: a plain effect waits for the next frame (up to 100 ms in a
  // hidden page), and a quick Tab in between would have its focus taken away.
  useLayoutEffect(() => {
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
