/** The kind of fee (a paged grid of pictogram tiles) and, when a kind has several, the biller. */
import { useMemo } from 'preact/hooks';
import { BigButton } from '../../../components/big-button/index.tsx';
import { PageNav, usePage } from '../../../components/paged-list/index.tsx';
import { t } from '../../../i18n/index.ts';
import { billersOf } from '../bill-payment.rules.ts';
import { KindIcon } from '../kind-icons.tsx';
import styles from '../style.module.css';
import { FEE_KINDS, kindKeys } from '../words.ts';
import { Nav, type ScreenProps, useLargeText } from './parts.tsx';

/**
 * Eight big tiles a page (4 × 2 across, 2 × 4 upright): thirteen kinds on two pages. In large text
 * four (a row across, 2 × 2 upright), so that each tile keeps the height its bigger pictogram needs.
 */
const tilesPerPage = (large: boolean) => (large ? 4 : 8);

export function KindView({ context, send }: ScreenProps) {
  // One array per catalog: usePage starts again at page 1 whenever it gets a new one, so a list
  // rebuilt on every render could never leave page 1 (the second page of kinds was unreachable).
  const offered = useMemo(
    () => FEE_KINDS.filter((kind) => billersOf(context.catalog, kind).length > 0),
    [context.catalog],
  );
  const perPage = tilesPerPage(useLargeText());
  const { page, pages, setPage } = usePage(offered as string[], perPage);
  const shown = offered.slice(page * perPage, (page + 1) * perPage);
  return (
    <>
      <div class={styles.body}>
        <h1 class={styles.title}>{t('bill.kind.title')}</h1>
        {context.offer.scanner && !context.scannerDown && (
          <p class={`${styles.text} ${styles.muted}`}>{t('bill.kind.scanHint')}</p>
        )}
        {context.accountProblem === 'barcode' && (
          <p class={styles.notice} role="alert" data-problem="barcode">
            {t('bill.kind.scanNotFound')}
          </p>
        )}
        <ul class={styles.tiles} aria-label={t('bill.kind.list')}>
          {shown.map((kind) => (
            <li key={kind}>
              <button
                type="button"
                class={styles.tile}
                data-kind={kind}
                onClick={() => send({ type: 'user.chooseKind', kind })}
              >
                <KindIcon kind={kind} />
                <span>{t(kindKeys[kind])}</span>
              </button>
            </li>
          ))}
        </ul>
        <PageNav page={page} pages={pages} onPage={setPage} />
      </div>
      <Nav send={send} cancel />
    </>
  );
}

export function BillerView({ context, send }: ScreenProps) {
  const billers = billersOf(context.catalog, context.kind);
  return (
    <>
      <div class={styles.body}>
        <h1 class={styles.title}>{t('bill.biller.title')}</h1>
        <div class={styles.choices}>
          {billers.map((biller) => (
            <BigButton
              key={biller.id}
              variant="secondary"
              action={`biller-${biller.id}`}
              onPress={() => send({ type: 'user.chooseBiller', billerId: biller.id })}
            >
              {biller.name}
            </BigButton>
          ))}
        </div>
      </div>
      <Nav send={send} cancel back />
    </>
  );
}
