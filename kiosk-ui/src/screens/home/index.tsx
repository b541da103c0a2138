import { useMemo } from 'preact/hooks';
import type { DeviceStatus, HubConnectivity } from '../../../../kiosk-agent/api/contract.ts';
import { ConnectingNotice } from '../../components/connecting-notice/index.tsx';
import { DevicePanel, type DeviceRow } from '../../components/device-panel/index.tsx';
import { HotlineCard } from '../../components/hotline-card/index.tsx';
import { HubStatus } from '../../components/hub-status/index.tsx';
import { PageNav, usePage } from '../../components/paged-list/index.tsx';
import { ServiceTile } from '../../components/service-tile/index.tsx';
import type { FlowDefinition } from '../../flows/flow.ts';
import { type LinkPicture, serviceOffer } from '../../flows/offer.ts';
import { t } from '../../i18n/index.ts';
import { memo } from '../../lib/memo.ts';
import { describeDevice, hubReasonKey } from '../../lib/status-words.ts';
import styles from './style.module.css';

/** The citizen service hotline, the same number everywhere in China. */
export const HOTLINE_NUMBER = '12345';

export interface HomeScreenProps {
  flows: readonly Pick<FlowDefinition, 'id' | 'titleKey' | 'noteKey' | 'Icon' | 'needs' | 'uses'>[];
  /** Whether the agent is connected; without it, live status is not claimed. */
  connected: boolean;
  link: LinkPicture;
  largeText: boolean;
  /** The language shown: the screen is memoised, so a language switch must change a prop. */
  locale: string;
  onChoose(flowId: string): void;
}

/**
 * The services that are registered, each saying whether it can be used now
 * and why not; beside them how the service centre and the devices are, and
 * the hotline. With no service registered yet, it says so plainly.
 */
export const HomeScreen = memo(function HomeScreen({
  flows,
  connected,
  link,
  largeText,
  onChoose,
}: HomeScreenProps) {
  const { hub, devices } = link;
  const live = connected && hub !== null;
  return (
    <div class={styles.main}>
      <section class={styles.services} aria-labelledby="home-services">
        <h1 id="home-services" class={styles.headline}>
          {flows.length > 0 ? t('home.services') : t('home.welcome')}
        </h1>
        {flows.length > 0 ? (
          <ServicePages flows={flows} link={link} pageSize={largeText ? 1 : 3} onChoose={onChoose} />
        ) : (
          <p class={styles.note}>{t('home.noServices')}</p>
        )}
      </section>
      <div class={styles.status}>
        {live ? (
          <>
            <HubStatus
              connected={hub.connected}
              note={hub.connected ? null : t(hubReasonKey(hub.reason))}
              technicalReason={hub.reason ?? null}
            />
            {/* In large text the tiles' own notes say what a device fault changes; the list would crowd them out. */}
            {!largeText && <DevicePanel rows={devices.map(toRow)} />}
          </>
        ) : (
          <ConnectingNotice />
        )}
      </div>
      <div class={styles.help}>
        <HotlineCard number={HOTLINE_NUMBER} />
      </div>
    </div>
  );
});

/**
 * The tiles side by side, a page at a time (three; one in large text, whose words need the width), with the page buttons
 * under them when there are more: stacked, even two tiles would not fit a landscape screen.
 */
function ServicePages({
  flows,
  link,
  pageSize,
  onChoose,
}: Pick<HomeScreenProps, 'flows' | 'link' | 'onChoose'> & { pageSize: number }) {
  // The same array for the same flows, so the page shown survives a re-render (a status push).
  const items = useMemo(() => [...flows], [flows]);
  const { page, pages, setPage } = usePage(items, pageSize);
  return (
    <>
      <ul class={styles.tiles} style={{ '--tiles': Math.min(pageSize, items.length) }}>
        {items.slice(page * pageSize, (page + 1) * pageSize).map((flow) => (
          <li key={flow.id} class={styles.tile}>
            <ServiceTile
              id={flow.id}
              title={t(flow.titleKey)}
              note={t(flow.noteKey)}
              Icon={flow.Icon}
              offer={serviceOffer(flow, link)}
              onChoose={onChoose}
            />
          </li>
        ))}
      </ul>
      <PageNav page={page} pages={pages} onPage={setPage} />
    </>
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

/** What the live region says about the hub: connectivity only, so a device blip does not interrupt. */
export function announceHub(hub: HubConnectivity | null): string {
  if (!hub) return t('link.connecting');
  if (hub.connected) return t('hub.connected');
  return `${t('hub.disconnected')}，${t(hubReasonKey(hub.reason))}`;
}
