import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { BigButton } from '../big-button/index.tsx';
import styles from './style.module.css';

export interface PagedListProps<T> {
  items: T[];
  pageSize: number;
  renderItem: (item: T) => ComponentChildren;
  /** What the list holds, e.g. "待缴账单"; names the list for assistive technology. */
  label: string;
  keyOf: (item: T) => string;
}

/**
 * A page of `items` at a time, with big previous/next buttons and "第 1/3 页", so nothing ever
 * needs scrolling. Goes back to the first page whenever `items` is a new array.
 */
export function PagedList<T>({ items, pageSize, renderItem, label, keyOf }: PagedListProps<T>) {
  const { page, pages, setPage } = usePage(items, pageSize);
  const shown = items.slice(page * pageSize, (page + 1) * pageSize);
  return (
    <section class={styles.paged} aria-label={label}>
      <ul class={styles.list}>
        {shown.map((item) => (
          <li key={keyOf(item)} class={styles.item}>
            {renderItem(item)}
          </li>
        ))}
      </ul>
      <PageNav page={page} pages={pages} onPage={setPage} />
    </section>
  );
}

/**
 * Which page of `items` is shown (from 0). A new `items` array starts again at page 0 in the
 * same render, so a stale page number never shows the wrong rows, not even for a frame.
 */
export function usePage<T>(items: T[], pageSize: number, initialPage = 0) {
  const [state, setState] = useState({ items, page: initialPage });
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = state.items === items ? Math.min(state.page, pages - 1) : 0;
  const setPage = (next: number) => setState({ items, page: Math.max(0, Math.min(next, pages - 1)) });
  return { page, pages, setPage };
}

export interface PageNavProps {
  /** The page shown, from 0. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

/** Previous and next page buttons around "第 1/3 页"; nothing at all when there is one page. */
export function PageNav({ page, pages, onPage }: PageNavProps) {
  if (pages <= 1) return null;
  return (
    <nav class={styles.nav} aria-label={t('ds.page.nav')}>
      <BigButton
        variant="secondary"
        icon="‹"
        onPress={() => onPage(page - 1)}
        disabled={page === 0}
        action="page-previous"
      >
        {t('ds.page.previous')}
      </BigButton>
      <p class={styles.count} aria-live="polite" data-page={page + 1}>
        {t('ds.page.count', { page: page + 1, pages })}
      </p>
      <BigButton
        variant="secondary"
        icon="›"
        onPress={() => onPage(page + 1)}
        disabled={page >= pages - 1}
        action="page-next"
      >
        {t('ds.page.next')}
      </BigButton>
    </nav>
  );
}
