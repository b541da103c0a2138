import { BigButton } from '../components/big-button/index.tsx';
import { Dialog } from '../components/dialog/index.tsx';
import { t } from '../i18n/index.ts';
import { HOTLINE_NUMBER } from '../screens/home/index.tsx';
import styles from './dialogs.module.css';

export interface HelpDialogProps {
  open: boolean;
  /** Offered when a hotline-call service is registered and can work now. */
  onCallNow?: () => void;
  onClose(): void;
}

/** Help from any screen: the hotline, how the screen works, and a call when the kiosk can make one. */
export function HelpDialog({ open, onCallNow, onClose }: HelpDialogProps) {
  return (
    <Dialog
      open={open}
      title={t('help.title')}
      onDismiss={onClose}
      actions={
        <>
          {onCallNow && (
            <BigButton variant="secondary" action="call-now" onPress={onCallNow}>
              {t('help.callNow')}
            </BigButton>
          )}
          <BigButton action="close-help" autoFocus onPress={onClose}>
            {t('help.close')}
          </BigButton>
        </>
      }
    >
      <p class={styles.hotline}>
        <span class={styles.number}>{HOTLINE_NUMBER}</span>
        <span>{t('hotline.name')}</span>
      </p>
      <p class={styles.text}>{t('help.call')}</p>
      <p class={styles.text}>{t('help.howTo')}</p>
    </Dialog>
  );
}
