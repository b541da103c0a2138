import { t, tOr } from '../../messages/index.ts';
import { sideState, yuan } from './money.ts';
import styles from './style.module.css';
import type { FindingStatus, ReconciliationFinding } from './types.ts';

const MARK: Record<FindingStatus, string> = { 'needs-person': '▲', resolvable: '◆', 'in-flight': '○' };
const CLASS: Record<FindingStatus, string | undefined> = {
  'needs-person': styles.needsPerson,
  resolvable: styles.resolvable,
  'in-flight': styles.inFlight,
};

/** Who must act, with a shape beside the colour so it is not told by colour alone. */
export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span class={`${styles.badge} ${CLASS[status]}`} data-status={status}>
      <span aria-hidden="true">{MARK[status]}</span>
      {t(`recon.status.${status}`)}
    </span>
  );
}

/** A run's mismatches: who must act, what differs, the three sides' states and amounts, and what to do. */
export function FindingsTable({ findings }: { findings: ReconciliationFinding[] }) {
  return (
    <table class={`cards ${styles.findings}`}>
      <caption class="visually-hidden">{t('recon.findings')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('recon.col.status')}</th>
          <th scope="col">{t('recon.col.kind')}</th>
          <th scope="col">{t('recon.col.payment')}</th>
          <th scope="col">{t('recon.col.states')}</th>
          <th scope="col">{t('recon.col.amounts')}</th>
          <th scope="col">{t('recon.col.action')}</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={`${f.paymentId}-${i}`} data-finding-kind={f.kind} data-status={f.status}>
            <td data-label={t('recon.col.status')}>
              <StatusBadge status={f.status} />
            </td>
            <td data-label={t('recon.col.kind')}>
              <div>
                <strong>{tOr(`recon.kind.${f.kind}`, f.kind)}</strong>
                <span class={styles.note} lang="en">
                  {f.note}
                </span>
              </div>
            </td>
            <td data-label={t('recon.col.payment')}>
              <div>
                <code class={styles.id}>{f.paymentId}</code>
                {f.reference && <span class={styles.note}>{t('recon.reference', { ref: f.reference })}</span>}
              </div>
            </td>
            <td data-label={t('recon.col.states')}>
              <dl class={styles.sides}>
                <dt>{t('recon.side.hub')}</dt>
                <dd>{sideState(f.hubState)}</dd>
                <dt>{t('recon.side.gateway')}</dt>
                <dd>{sideState(f.gatewayState)}</dd>
                <dt>{t('recon.side.biller')}</dt>
                <dd>{sideState(f.billerState)}</dd>
              </dl>
            </td>
            <td data-label={t('recon.col.amounts')}>
              <dl class={styles.sides}>
                <dt>{t('recon.side.hub')}</dt>
                <dd class={styles.money}>{yuan(f.hubFen)}</dd>
                <dt>{t('recon.side.gateway')}</dt>
                <dd class={styles.money}>{yuan(f.gatewayFen)}</dd>
                <dt>{t('recon.side.biller')}</dt>
                <dd class={styles.money}>{yuan(f.billerFen)}</dd>
              </dl>
            </td>
            <td data-label={t('recon.col.action')} data-action={f.action}>
              {tOr(`recon.action.${f.action}`, f.action)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
