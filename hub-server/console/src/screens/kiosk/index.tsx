import { useState } from 'preact/hooks';
import { AckForm } from '../../components/ack-form/index.tsx';
import { CommandList } from '../../components/command-list/index.tsx';
import { EnrollmentCode } from '../../components/enrollment-code/index.tsx';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { ScreenshotPanel } from '../../components/screenshot-panel/index.tsx';
import { Sparkline } from '../../components/sparkline/index.tsx';
import { StateBadge, Tag } from '../../components/state-badge/index.tsx';
import { type ApiError, api } from '../../lib/api.ts';
import { ago, duration, gigabytes, when } from '../../lib/format.ts';
import { href } from '../../lib/router.ts';
import type { EnrollmentCode as Code, KioskDetail } from '../../lib/types.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t, tOr } from '../../messages/index.ts';
import { DeviceTable } from './device-table.tsx';
import styles from './style.module.css';

/** One kiosk: facts, devices, heartbeats, alerts, screenshot, commands and maintenance; refreshed every 3 s. */
export function KioskScreen({ id }: { id: string }) {
  const path = `/kiosks/${encodeURIComponent(id)}`;
  const { data, error, reload } = usePoll(() => api.get<KioskDetail>(path), 3000, [id]);
  const [actionError, setActionError] = useState<ApiError>();
  const [sent, setSent] = useState('');
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<Code>();

  const act = async (fn: () => Promise<unknown>, done = '') => {
    setBusy(true);
    setActionError(undefined);
    setSent('');
    try {
      await fn();
      setSent(done);
      await reload();
    } catch (err) {
      setActionError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const command = (kind: string) => act(() => api.post(`${path}/commands`, { kind }), t('kiosk.sent'));

  if (!data) {
    return (
      <>
        <a href={href('/')}>{t('kiosk.back')}</a>
        {error ? <ErrorNote error={error} /> : <p role="status">{t('common.loading')}</p>}
      </>
    );
  }
  const { kiosk, latestHeartbeat: hb } = data;
  return (
    <article data-kiosk-page={kiosk.id} class={styles.page}>
      <a class={styles.back} href={href('/')}>
        ← {t('kiosk.back')}
      </a>
      <header class={styles.header}>
        <h1>{kiosk.name}</h1>
        <p class={styles.sub}>
          <span class={styles.mono}>{kiosk.id}</span>
          <StateBadge state={kiosk.state} />
          {kiosk.demo && <Tag kind="demo" />}
          {kiosk.maintenance && <Tag kind="maintenance" />}
          <span>
            {t('kiosk.lastSeen')}：{ago(kiosk.lastSeenAt)}
          </span>
        </p>
      </header>
      {error && <ErrorNote error={error} />}
      {actionError && <ErrorNote error={actionError} />}

      <div class={styles.grid}>
        <section class="panel" aria-labelledby="facts">
          <h2 id="facts">{t('kiosk.facts')}</h2>
          <dl class={styles.facts}>
            <dt>{t('kiosk.address')}</dt>
            <dd>{kiosk.address}</dd>
            <dt>{t('col.district')}</dt>
            <dd>{kiosk.district}</dd>
            <dt>{t('kiosk.coords')}</dt>
            <dd>{kiosk.latitude !== null ? `${kiosk.latitude}, ${kiosk.longitude}` : t('common.none')}</dd>
            <dt>{t('kiosk.group')}</dt>
            <dd>{kiosk.groupName ?? t('common.none')}</dd>
            <dt>{t('kiosk.tags')}</dt>
            <dd>{kiosk.tags.length ? kiosk.tags.join('、') : t('common.none')}</dd>
            <dt>{t('kiosk.agentVersion')}</dt>
            <dd>{kiosk.agentVersion ?? t('common.none')}</dd>
            <dt>{t('kiosk.enrolled')}</dt>
            <dd>{kiosk.enrolled ? t('kiosk.enrolled') : t('kiosk.notEnrolled')}</dd>
            <dt>{t('kiosk.createdAt')}</dt>
            <dd>{when(kiosk.createdAt)}</dd>
            <dt>{t('kiosk.lastSeen')}</dt>
            <dd>{when(kiosk.lastSeenAt)}</dd>
            {hb && (
              <>
                <dt>{t('kiosk.screen')}</dt>
                <dd>{hb.payload.screen || t('common.none')}</dd>
                <dt>{t('kiosk.uptime')}</dt>
                <dd>{duration(hb.payload.uptimeSec)}</dd>
                <dt>{t('kiosk.disk')}</dt>
                <dd>{gigabytes(hb.payload.freeDiskBytes)}</dd>
              </>
            )}
          </dl>
          <button
            type="button"
            disabled={busy}
            onClick={() => act(async () => setCode(await api.post<Code>(`${path}/enrollment-codes`)))}
          >
            {t('kiosk.newCode')}
          </button>
          {code && <EnrollmentCode kioskId={kiosk.id} code={code} />}
        </section>

        <section class="panel" aria-labelledby="actions">
          <h2 id="actions">{t('kiosk.actions')}</h2>
          <div class={styles.switchRow}>
            <button
              type="button"
              role="switch"
              aria-checked={kiosk.maintenance ? 'true' : 'false'}
              aria-describedby="maintenance-state"
              data-action="maintenance"
              class={styles.switch}
              disabled={busy}
              onClick={() => act(() => api.post(`${path}/maintenance`, { on: !kiosk.maintenance }))}
            >
              <span class={styles.track} aria-hidden="true">
                <span class={styles.knob} />
              </span>
              {t('kiosk.maintenance')}
            </button>
            <span id="maintenance-state" class={styles.note}>
              {kiosk.maintenance ? t('kiosk.maintenanceOn') : t('kiosk.maintenanceOff')}
            </span>
          </div>
          <div class={styles.buttons}>
            <button
              type="button"
              data-action="reload-ui"
              disabled={busy}
              onClick={() => command('reload-ui')}
            >
              {t('kiosk.reloadUi')}
            </button>
            <button
              type="button"
              data-action="restart-browser"
              disabled={busy}
              onClick={() => command('restart-browser')}
            >
              {t('kiosk.restartBrowser')}
            </button>
            <button
              type="button"
              data-action="send-logs"
              disabled={busy}
              onClick={() => command('send-logs')}
            >
              {t('kiosk.sendLogs')}
            </button>
            <button
              type="button"
              data-action="reprint-last-receipt"
              disabled={busy}
              onClick={() => command('reprint-last-receipt')}
            >
              {t('kiosk.reprint')}
            </button>
          </div>
          <p role="status" class={styles.note}>
            {sent}
          </p>
          <h3>{t('kiosk.sparkline')}</h3>
          <Sparkline counts={data.sparkline.counts} />
        </section>

        <section class="panel" aria-labelledby="devices">
          <h2 id="devices">{t('kiosk.devices')}</h2>
          {hb ? <DeviceTable devices={hb.payload.devices} /> : <p>{t('kiosk.noHeartbeat')}</p>}
        </section>

        <section class="panel" aria-labelledby="open-alerts">
          <h2 id="open-alerts">{t('kiosk.alerts')}</h2>
          {data.openAlerts.length === 0 ? (
            <p>{t('kiosk.noAlerts')}</p>
          ) : (
            <ul class={styles.alerts}>
              {data.openAlerts.map((a) => (
                <li key={a.id} data-alert-id={a.id}>
                  <strong>{tOr(`alertKind.${a.kind}`, a.kind)}</strong>
                  {a.device && <span> · {a.device}</span>}
                  <span class={styles.note}> · {ago(a.openedAt)}</span>
                  <AckForm alert={a} onDone={reload} />
                </li>
              ))}
            </ul>
          )}
        </section>

        <ScreenshotPanel detail={data} reload={reload} />

        <section class="panel" aria-labelledby="commands">
          <h2 id="commands">{t('kiosk.commands')}</h2>
          <CommandList commands={data.recentCommands} />
        </section>
      </div>
    </article>
  );
}
