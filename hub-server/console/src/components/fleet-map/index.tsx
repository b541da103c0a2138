import { href } from '../../lib/router.ts';
import type { FleetRow } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import styles from './style.module.css';

const W = 600;
const H = 360;
const PAD = 24;

/** Plots kiosks by longitude (x) and latitude (y), scaled to fit; each dot links to the kiosk page. */
export function FleetMap({ kiosks }: { kiosks: FleetRow[] }) {
  const placed = kiosks.filter((k) => k.latitude !== null && k.longitude !== null);
  const lons = placed.map((k) => k.longitude as number);
  const lats = placed.map((k) => k.latitude as number);
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  // Equal degrees on both axes (close enough at a city's scale), centred in the box.
  const span = Math.max(maxLon - minLon, maxLat - minLat, 0.01);
  const scale = Math.min(W - 2 * PAD, H - 2 * PAD) / span;
  const x = (lon: number) => W / 2 + (lon - (minLon + maxLon) / 2) * scale;
  const y = (lat: number) => H / 2 - (lat - (minLat + maxLat) / 2) * scale;
  const missing = kiosks.length - placed.length;
  return (
    <figure class={styles.figure}>
      <svg class={styles.map} viewBox={`0 0 ${W} ${H}`} aria-label={t('fleet.map')}>
        <rect x="0" y="0" width={W} height={H} class={styles.ground} />
        {placed.map((k) => (
          <a key={k.id} href={href(`/kiosks/${encodeURIComponent(k.id)}`)} data-map-kiosk={k.id}>
            <title>{`${k.name} · ${t(`state.${k.state}`)}`}</title>
            {/* A larger invisible ring so a finger can hit the dot. */}
            <circle cx={x(k.longitude as number)} cy={y(k.latitude as number)} r={24} class={styles.hit} />
            <circle
              cx={x(k.longitude as number)}
              cy={y(k.latitude as number)}
              r={10}
              class={`${styles.dot} ${styles[k.state]}`}
            />
            {k.openAlerts > 0 && (
              <circle
                cx={x(k.longitude as number) + 8}
                cy={y(k.latitude as number) - 8}
                r={4}
                class={styles.alert}
              />
            )}
          </a>
        ))}
      </svg>
      <figcaption class={styles.caption}>
        <span>{t('fleet.mapHint')}</span>
        <span class={styles.legend}>
          <span class={styles.key}>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" class={styles.online} />
            </svg>
            {t('state.online')}
          </span>
          <span class={styles.key}>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" class={styles.offline} />
            </svg>
            {t('state.offline')}
          </span>
          <span class={styles.key}>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" class={styles.never} />
            </svg>
            {t('state.never')}
          </span>
        </span>
        {missing > 0 && <span>{t('fleet.noCoords', { n: missing })}</span>}
      </figcaption>
    </figure>
  );
}
