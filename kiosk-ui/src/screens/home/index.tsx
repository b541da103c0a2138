import type { DeviceStatus, HubConnectivity } from '../../../../kiosk-agent/api/contract.ts';
import { ConnectingNotice } from '../../components/connecting-notice/index.tsx';
import { DevicePanel, type DeviceRow } from '../../components/device-panel/index.tsx';
import { HotlineCard } from '../../components/hotline-card/index.tsx';
import { HubStatus } from '../../components/hub-status/index.tsx';
import { LiveAnnouncer } from '../../components/live-announcer/index.tsx';
import { PavilionArt } from '../../components/pavilion-art/index.tsx';
import { TopBar } from '../../components/top-bar/index.tsx';
import { t } from '../../i18n/index.ts';
import { describeDevice, hubReasonKey } from '../../lib/status-words.ts';
import type { AgentLinkView } from '../../machines/agent-link.machine.ts';
import styles from './style.module.css';

/** The citizen service hotline, the same number everywhere in China. */
export const HOTLINE_NUMBER = '12345';

export interface HomeScreenProps {
  link: AgentLinkView;
  agentVersion?: string | null;
}

/**
 * The screen a resident walks up to: which kiosk this is, the time, a welcome,
 * and whether the service centre and the devices are working. Services join
 * it as their flows are built.
 */
export function HomeScreen({ link, agentVersion = null }: HomeScreenProps) {
  const { connected, kiosk, kioskId, hub, devices } = link;
  const live = connected && hub !== null;
  return (
    <div class={styles.screen}>
      <TopBar
        kioskName={kiosk?.name ?? null}
        kioskAddress={kiosk?.address ?? null}
        timeZone={kiosk?.timeZone}
      />
      <main class={styles.main}>
        <section class={styles.welcome} aria-labelledby="home-welcome">
          <PavilionArt class={styles.art} />
          <h1 id="home-welcome" class={styles.headline}>
            {t('home.welcome')}
          </h1>
          <p class={styles.note}>{t('home.welcomeNote')}</p>
        </section>
        <div class={styles.status}>
          {live ? (
            <>
              <HubStatus
                connected={hub.connected}
                note={hub.connected ? null : t(hubReasonKey(hub.reason))}
                technicalReason={hub.reason ?? null}
              />
              <DevicePanel rows={devices.map(toRow)} />
            </>
          ) : (
            <ConnectingNotice />
          )}
        </div>
        <div class={styles.help}>
          <HotlineCard number={HOTLINE_NUMBER} />
        </div>
      </main>
      <footer class={styles.footer}>
        {kioskId && <span>{t('home.kioskId', { id: kioskId })}</span>}
        {agentVersion && <span>{t('home.version', { version: agentVersion })}</span>}
      </footer>
      <LiveAnnouncer message={announce(live ? hub : null)} />
    </div>
  );
}

function toRow(status: DeviceStatus): DeviceRow {
  const { nameKey, word, tone, paper } = describeDevice(status);
  return {
    device: status.device,
    state: status.state,
    paper,
    label: nameKey ? t(nameKey) : status.device,
    word: t(word),
    tone,
  };
}

/** What the live region says: connectivity only, so a device blip does not interrupt. */
function announce(hub: HubConnectivity | null): string {
  if (!hub) return t('link.connecting');
  if (hub.connected) return t('hub.connected');
  return `${t('hub.disconnected')}，${t(hubReasonKey(hub.reason))}`;
}
