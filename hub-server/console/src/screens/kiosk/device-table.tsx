import { when } from '../../lib/format.ts';
import type { DeviceReport } from '../../lib/types.ts';
import { t, tOr } from '../../messages/index.ts';
import styles from './style.module.css';

/** Each device from the latest heartbeat, with since when it has been in that state (when the agent says). */
export function DeviceTable({ devices }: { devices: DeviceReport[] }) {
  return (
    <table class="cards">
      <thead>
        <tr>
          <th scope="col">{t('kiosk.device')}</th>
          <th scope="col">{t('kiosk.deviceState')}</th>
          <th scope="col">{t('kiosk.deviceSince')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => {
          const since = d.since ?? (typeof d.detail?.since === 'string' ? d.detail.since : null);
          const extra = Object.entries(d.detail ?? {})
            .filter(([k]) => k !== 'since')
            .map(([k, v]) => `${tOr(`deviceDetail.${k}`, k)}: ${String(v)}`)
            .join('，');
          return (
            <tr key={d.name} data-device={d.name} data-device-state={d.state}>
              <td data-label={t('kiosk.device')}>
                {tOr(`deviceName.${d.name}`, d.name)}
                <span class={styles.note}> {d.name}</span>
              </td>
              <td data-label={t('kiosk.deviceState')}>
                <span>
                  <span class={styles[`dev-${d.state}`]}>{tOr(`device.${d.state}`, d.state)}</span>
                  {extra && <span class={styles.note}> （{extra}）</span>}
                </span>
              </td>
              <td data-label={t('kiosk.deviceSince')}>{since ? when(since) : t('common.none')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
