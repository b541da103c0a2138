import type { Connectivity } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import styles from './style.module.css';

/** 在线 / 离线 / 从未上线, with colour and a shape so it is not told by colour alone. */
export function StateBadge({ state }: { state: Connectivity }) {
  return (
    <span class={`${styles.badge} ${styles[state]}`}>
      <span aria-hidden="true">{state === 'online' ? '●' : state === 'offline' ? '▲' : '○'}</span>
      {t(`state.${state}`)}
    </span>
  );
}

/** The 演示 badge on a demo kiosk, or 维护模式 on one in maintenance. */
export function Tag({ kind }: { kind: 'demo' | 'maintenance' }) {
  return (
    <span class={`${styles.badge} ${styles[kind]}`} data-badge={kind}>
      {kind === 'demo' ? t('demo.badge') : t('state.maintenance')}
    </span>
  );
}
