import { useState } from 'preact/hooks';
import { type ApiError, api } from '../../lib/api.ts';
import { when } from '../../lib/format.ts';
import type { Command, KioskDetail } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import { ErrorNote } from '../error-note/index.tsx';
import styles from './style.module.css';

/**
 * The latest screenshot and a button that asks for a new one: it queues `take-screenshot`, then
 * follows the command through the page's own polling until a newer screenshot arrives.
 */
export function ScreenshotPanel({ detail, reload }: { detail: KioskDetail; reload: () => Promise<void> }) {
  const [asked, setAsked] = useState<{ commandId: string; before: string | null }>();
  const [error, setError] = useState<ApiError>();
  const shot = detail.latestScreenshot;
  const command: Command | undefined = asked && detail.recentCommands.find((c) => c.id === asked.commandId);
  const arrived = asked && shot && shot.id !== asked.before;
  const waiting = asked && !arrived && command && (command.state === 'queued' || command.state === 'picked');

  const take = async () => {
    setError(undefined);
    try {
      const c = await api.post<Command>(`/kiosks/${encodeURIComponent(detail.kiosk.id)}/commands`, {
        kind: 'take-screenshot',
      });
      setAsked({ commandId: c.id, before: shot?.id ?? null });
      await reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  let progress = '';
  if (asked) {
    if (arrived) progress = t('shot.done');
    else if (!command || command.state === 'queued') progress = t('shot.queued');
    else if (command.state === 'picked' || command.state === 'done') progress = t('shot.picked');
    else if (command.state === 'failed')
      progress = t('shot.failed', { message: command.result?.message ?? '' });
    else progress = t('shot.expired');
  }

  return (
    <section class="panel" aria-labelledby="shot-title">
      <div class={styles.head}>
        <h2 id="shot-title">{t('kiosk.screenshot')}</h2>
        <button
          type="button"
          class="primary"
          data-action="take-screenshot"
          onClick={take}
          disabled={Boolean(waiting)}
        >
          {t('kiosk.takeScreenshot')}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
      <p
        class={styles.progress}
        role="status"
        aria-live="polite"
        data-screenshot-progress={progress ? 'shown' : 'none'}
      >
        {progress}
      </p>
      {shot ? (
        <figure class={styles.figure}>
          <img
            class={styles.img}
            src={`/api/v1/console/screenshots/${encodeURIComponent(shot.id)}`}
            data-screenshot-id={shot.id}
            width={shot.width}
            height={shot.height}
            alt={t('kiosk.screenshotAlt', { name: detail.kiosk.name, at: when(shot.takenAt) })}
          />
          <figcaption>{when(shot.takenAt)}</figcaption>
        </figure>
      ) : (
        <p>{t('kiosk.noScreenshot')}</p>
      )}
    </section>
  );
}
