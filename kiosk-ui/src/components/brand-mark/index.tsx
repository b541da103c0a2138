import { t } from '../../i18n/index.ts';
import { PavilionArt } from '../pavilion-art/index.tsx';
import styles from './style.module.css';

/** 亭子 Tingzi: the mark and the name. */
export function BrandMark() {
  return (
    <div class={styles.brand}>
      <span class={styles.mark}>
        <PavilionArt class={styles.art} />
      </span>
      <span class={styles.words}>
        <span class={styles.name}>{t('brand.name')}</span>
        <span class={styles.latin} lang="en">
          {t('brand.latin')}
        </span>
      </span>
    </div>
  );
}
