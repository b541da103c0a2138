import { useState } from 'preact/hooks';
import { EnrollmentCode } from '../../components/enrollment-code/index.tsx';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { type ApiError, api } from '../../lib/api.ts';
import { href } from '../../lib/router.ts';
import type { EnrollmentCode as Code, Kiosk } from '../../lib/types.ts';
import { type MessageKey, t } from '../../messages/index.ts';
import styles from './style.module.css';

const FIELDS: { name: string; label: MessageKey; required?: boolean; type?: string; step?: string }[] = [
  { name: 'id', label: 'enroll.id', required: true },
  { name: 'name', label: 'enroll.name', required: true },
  { name: 'address', label: 'enroll.address', required: true },
  { name: 'district', label: 'enroll.district', required: true },
  { name: 'latitude', label: 'enroll.latitude', type: 'number', step: 'any' },
  { name: 'longitude', label: 'enroll.longitude', type: 'number', step: 'any' },
  { name: 'group', label: 'enroll.group' },
  { name: 'tags', label: 'enroll.tags' },
];

const EMPTY: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.name, '']));

/** Registers a kiosk (POST /kiosks), then asks for its one-time enrollment code and shows it big. */
export function EnrollScreen() {
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<{ kiosk: Kiosk; code: Code }>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    try {
      const { kiosk } = await api.post<{ kiosk: Kiosk }>('/kiosks', {
        id: values.id?.trim(),
        name: values.name,
        address: values.address,
        district: values.district,
        latitude: num(values.latitude ?? ''),
        longitude: num(values.longitude ?? ''),
        group: values.group?.trim() || null,
        tags: (values.tags ?? '')
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      const code = await api.post<Code>(`/kiosks/${encodeURIComponent(kiosk.id)}/enrollment-codes`);
      setDone({ kiosk, code });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <>
        <h1>{t('enroll.title')}</h1>
        <section class="panel">
          <EnrollmentCode kioskId={done.kiosk.id} code={done.code} />
          <p class={styles.next}>
            <a href={href(`/kiosks/${encodeURIComponent(done.kiosk.id)}`)}>{t('enroll.open')}</a>
            <button
              type="button"
              data-action="enroll-another"
              onClick={() => {
                setDone(undefined);
                setValues(EMPTY);
              }}
            >
              {t('enroll.another')}
            </button>
          </p>
        </section>
      </>
    );
  }
  return (
    <>
      <h1>{t('enroll.title')}</h1>
      <p>{t('enroll.explain')}</p>
      <form class={`panel ${styles.form}`} onSubmit={submit}>
        {error && <ErrorNote error={error} />}
        {FIELDS.map((f) => (
          <label key={f.name}>
            {t(f.label)}
            <input
              name={f.name}
              type={f.type ?? 'text'}
              step={f.step}
              required={f.required}
              value={values[f.name]}
              onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
            />
          </label>
        ))}
        <button type="submit" disabled={busy}>
          {busy ? t('common.busy') : t('enroll.submit')}
        </button>
      </form>
    </>
  );
}
