import type { ComponentChildren } from 'preact';
import { href } from '../../lib/router.ts';
import type { Person } from '../../lib/types.ts';
import { type MessageKey, t } from '../../messages/index.ts';
import styles from './style.module.css';

const WRITERS: Person['role'][] = ['admin', 'maintainer'];

/** The pages, each shown only to the roles the hub lets use it. */
const LINKS: { path: string; label: MessageKey; roles?: Person['role'][] }[] = [
  { path: '/', label: 'nav.fleet' },
  { path: '/alerts', label: 'nav.alerts' },
  { path: '/audit', label: 'nav.audit', roles: WRITERS },
  { path: '/enroll', label: 'nav.enroll', roles: WRITERS },
  { path: '/reconciliation', label: 'nav.reconciliation', roles: ['admin'] },
];

/** Side navigation on a desk screen, a top bar on a phone, and the page's main region. */
export function Shell({
  person,
  path,
  onLogout,
  children,
}: {
  person: Person;
  path: string;
  onLogout: () => void;
  children: ComponentChildren;
}) {
  const current = (p: string) =>
    p === '/' ? path === '/' || path.startsWith('/kiosks') : path === p || path.startsWith(`${p}/`);
  return (
    <div class={styles.shell}>
      <header class={styles.bar}>
        <a class={styles.brand} href={href('/')}>
          {t('app.brand')}
        </a>
        <nav aria-label={t('nav.label')}>
          <ul class={styles.links}>
            {LINKS.filter((l) => !l.roles || l.roles.includes(person.role)).map((l) => (
              <li key={l.path}>
                <a href={href(l.path)} aria-current={current(l.path) ? 'page' : undefined}>
                  {t(l.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class={styles.who}>
          <span>{t('nav.signedInAs', { name: person.displayName })}</span>
          <button type="button" onClick={onLogout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main class={styles.main}>{children}</main>
    </div>
  );
}
