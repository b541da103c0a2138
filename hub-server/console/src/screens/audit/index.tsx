import { useState } from 'preact/hooks';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { TextField } from '../../components/field/index.tsx';
import { api } from '../../lib/api.ts';
import { when } from '../../lib/format.ts';
import type { AuditEntry } from '../../lib/types.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t } from '../../messages/index.ts';
import styles from '../alerts/style.module.css';
import own from './style.module.css';

const PAGE = 25;

function summary(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = JSON.stringify(value);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** The audit log, newest first, paged by the `before` cursor; filter by action or actor. */
export function AuditScreen() {
  const [filter, setFilter] = useState({ action: '', actorId: '' });
  const [draft, setDraft] = useState(filter);
  // A stack of cursors: the first page has none, each "older" pushes the page's nextBefore.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const { data, error } = usePoll(
    () =>
      api.get<{ entries: AuditEntry[]; nextBefore: number | null }>('/audit', {
        limit: PAGE,
        before,
        action: filter.action || undefined,
        actorId: filter.actorId || undefined,
      }),
    10_000,
    [before, filter.action, filter.actorId],
  );
  return (
    <>
      <h1>{t('audit.title')}</h1>
      {error && <ErrorNote error={error} />}
      <form
        class={`panel ${styles.filters}`}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
          setCursors([undefined]);
        }}
      >
        <TextField
          label={t('audit.filterAction')}
          name="action"
          value={draft.action}
          onValue={(action) => setDraft({ ...draft, action })}
        />
        <TextField
          label={t('audit.filterActor')}
          name="actorId"
          value={draft.actorId}
          onValue={(actorId) => setDraft({ ...draft, actorId })}
        />
        <button type="submit">{t('audit.apply')}</button>
      </form>
      <section class="panel" aria-label={t('audit.title')}>
        {!data ? (
          <p role="status">{t('common.loading')}</p>
        ) : data.entries.length === 0 ? (
          <p>{t('audit.empty')}</p>
        ) : (
          <table class={`cards ${own.table}`}>
            <colgroup>
              <col class={own.at} />
              <col class={own.action} />
              <col class={own.who} />
              <col class={own.who} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id} data-audit-id={e.id} data-audit-action={e.action}>
                  <td data-label={t('audit.at')} class={styles.nowrap}>
                    {when(e.at)}
                  </td>
                  <td data-label={t('audit.action')} class={styles.nowrap}>
                    <code>{e.action}</code>
                  </td>
                  <td
                    data-label={t('audit.actor')}
                    class={own.breakable}
                  >{`${e.actor.kind}:${e.actor.id ?? ''}`}</td>
                  <td data-label={t('audit.target')} class={own.breakable}>
                    {e.target ? `${e.target.kind}:${e.target.id ?? ''}` : t('common.none')}
                  </td>
                  <td data-label={t('audit.details')}>
                    <code class={styles.details}>{summary(e.after ?? e.before) || t('common.none')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav class={styles.filters} aria-label={t('audit.title')}>
          <button
            type="button"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            {t('audit.newer')}
          </button>
          <button
            type="button"
            disabled={!data?.nextBefore}
            onClick={() => data?.nextBefore && setCursors([...cursors, data.nextBefore])}
          >
            {t('audit.older')}
          </button>
        </nav>
      </section>
    </>
  );
}
