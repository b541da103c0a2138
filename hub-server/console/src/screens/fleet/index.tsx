import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { SelectField } from '../../components/field/index.tsx';
import { FleetMap } from '../../components/fleet-map/index.tsx';
import { StateBadge, Tag } from '../../components/state-badge/index.tsx';
import { api } from '../../lib/api.ts';
import { ago } from '../../lib/format.ts';
import { href } from '../../lib/router.ts';
import { ALERT_KINDS, type Connectivity, type FleetPage, type FleetSummary } from '../../lib/types.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t, tOr } from '../../messages/index.ts';
import styles from './style.module.css';

const PAGE = 20;
const STATES: Connectivity[] = ['online', 'offline', 'never'];

interface Filters {
  district: string;
  state: string;
  alert: string;
  q: string;
}

/** Counts by state, filters, a paged list (cards on a phone) and the map; refreshed every 5 s. */
export function FleetScreen() {
  const [filters, setFilters] = useState<Filters>({ district: '', state: '', alert: '', q: '' });
  const [offset, setOffset] = useState(0);
  const [districts, setDistricts] = useState<string[]>([]);
  const set = (key: keyof Filters) => (value: string) => {
    setFilters({ ...filters, [key]: value });
    setOffset(0);
  };

  useEffect(() => {
    api
      .get<FleetPage>('/fleet', { limit: 500 })
      .then((all) => setDistricts([...new Set(all.kiosks.map((k) => k.district))].sort()))
      .catch(() => {});
  }, []);

  const { data, error } = usePoll(
    async () => {
      const [summary, page, everything] = await Promise.all([
        api.get<FleetSummary>('/fleet/summary'),
        api.get<FleetPage>('/fleet', { ...filters, limit: PAGE, offset }),
        api.get<FleetPage>('/fleet', { ...filters, limit: 500 }),
      ]);
      return { summary, page, everything };
    },
    5000,
    [filters.district, filters.state, filters.alert, filters.q, offset],
  );

  const total = data?.page.total ?? 0;
  return (
    <>
      <h1>{t('fleet.title')}</h1>
      {error && <ErrorNote error={error} />}
      <ul class={styles.counts} aria-label={t('fleet.state')}>
        <li>
          <span class={styles.count} data-count="total">
            {data?.summary.total ?? '…'}
          </span>
          {t('fleet.total')}
        </li>
        {STATES.map((s) => (
          <li key={s}>
            <span class={`${styles.count} ${styles[s]}`} data-count={s}>
              {data?.summary[s] ?? '…'}
            </span>
            {t(`state.${s}`)}
          </li>
        ))}
      </ul>

      <form class={`panel ${styles.filters}`} onSubmit={(e) => e.preventDefault()}>
        <h2 class="visually-hidden">{t('fleet.filters')}</h2>
        <SelectField
          label={t('fleet.district')}
          name="district"
          value={filters.district}
          onValue={set('district')}
          options={districts.map((d) => ({ value: d, label: d }))}
        />
        <SelectField
          label={t('fleet.state')}
          name="state"
          value={filters.state}
          onValue={set('state')}
          options={STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
        />
        <SelectField
          label={t('fleet.alert')}
          name="alert"
          value={filters.alert}
          onValue={set('alert')}
          extra={<option value="any">{t('fleet.anyAlert')}</option>}
          options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alertKind.${k}`) }))}
        />
        <label class={styles.search}>
          {t('fleet.q')}
          <input name="q" type="search" value={filters.q} onInput={(e) => set('q')(e.currentTarget.value)} />
        </label>
      </form>

      <div class={styles.columns}>
        <section class="panel" aria-labelledby="fleet-list">
          <h2 id="fleet-list">{t('fleet.list')}</h2>
          {!data ? (
            <p role="status">{t('common.loading')}</p>
          ) : data.page.kiosks.length === 0 ? (
            <p>{t('fleet.empty')}</p>
          ) : (
            <table class="cards">
              <thead>
                <tr>
                  <th scope="col">{t('col.name')}</th>
                  <th scope="col">{t('col.state')}</th>
                  <th scope="col">{t('col.district')}</th>
                  <th scope="col" class={styles.nowrap}>
                    {t('col.lastSeen')}
                  </th>
                  <th scope="col">{t('col.alerts')}</th>
                </tr>
              </thead>
              <tbody>
                {data.page.kiosks.map((k) => (
                  <tr key={k.id} data-kiosk-id={k.id} data-state={k.state} data-demo={String(k.demo)}>
                    <td data-label={t('col.name')}>
                      <span>
                        <a href={href(`/kiosks/${encodeURIComponent(k.id)}`)}>{k.name}</a>
                        <span class={styles.id}>{k.id}</span>
                      </span>
                    </td>
                    <td data-label={t('col.state')}>
                      <span>
                        <StateBadge state={k.state} />
                        {k.demo && <Tag kind="demo" />}
                        {k.maintenance && <Tag kind="maintenance" />}
                      </span>
                    </td>
                    <td data-label={t('col.district')} class={styles.nowrap}>
                      {k.district}
                    </td>
                    <td data-label={t('col.lastSeen')} class={styles.nowrap}>
                      {ago(k.lastSeenAt)}
                    </td>
                    <td data-label={t('col.alerts')}>
                      {k.alertKinds.length
                        ? k.alertKinds.map((a) => tOr(`alertKind.${a}`, a)).join('、')
                        : t('common.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {total > PAGE && (
            <nav class={styles.pager} aria-label={t('fleet.list')}>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('fleet.prev')}
              </button>
              <span>{t('fleet.page', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
              <button
                type="button"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('fleet.next')}
              </button>
            </nav>
          )}
        </section>
        <section class="panel" aria-labelledby="fleet-map">
          <h2 id="fleet-map">{t('fleet.map')}</h2>
          {data && <FleetMap kiosks={data.everything.kiosks} />}
        </section>
      </div>
    </>
  );
}
