import type { ComponentType } from 'preact';
import type { ServiceOffer } from '../../flows/offer.ts';
import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

export interface ServiceTileProps {
  id: string;
  title: string;
  note: string;
  Icon: ComponentType;
  offer: ServiceOffer;
  onChoose(id: string): void;
}

/**
 * One service on the home screen. When it cannot be used now it stays in
 * place (so the screen does not rearrange) and says why in words.
 */
export function ServiceTile({ id, title, note, Icon, offer, onChoose }: ServiceTileProps) {
  const reason = offer.available ? null : offer.reasonKey;
  return (
    <button
      type="button"
      class={styles.tile}
      data-service={id}
      data-available={offer.available ? 'yes' : 'no'}
      disabled={!offer.available}
      onClick={() => onChoose(id)}
    >
      <span class={styles.icon} aria-hidden="true">
        <Icon />
      </span>
      <span class={styles.title}>{title}</span>
      <span class={styles.note}>{note}</span>
      {reason && <span class={styles.reason}>{t(reason)}</span>}
      {/* What a device fault changes matters only for a service that can be used now. */}
      {offer.available &&
        offer.notes.map((key) => (
          <span key={key} class={styles.caveat}>
            {t(key)}
          </span>
        ))}
    </button>
  );
}
