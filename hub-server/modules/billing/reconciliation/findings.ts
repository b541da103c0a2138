/**
 * The reconciliation's rules, pure: given what the hub, the gateway and the biller each hold for
 * one payment (the payment id is the gateway's order number and the biller's serial), the
 * mismatches, each with the action it calls for and whether it is explained (in flight, or the
 * resolver's to finish) or needs a person. docs/billing.md, "Reconciliation", has the table.
 */

import { isFinal } from '../domain.ts';
import type {
  FarEnds,
  Finding,
  FindingAction,
  FindingKind,
  FindingStatus,
  HubPayment,
  Timing,
} from './findings.types.ts';

const sum = (lines: { amountFen: number }[]) => lines.reduce((s, l) => s + l.amountFen, 0);
const times = (n: number, word: string) => (n === 0 ? [] : [n === 1 ? word : `${word}×${n}`]);
const joined = (parts: string[]) => (parts.length ? parts.join('+') : 'none');

/** How the far ends and the hub stand, in words and net amounts. */
function sides(hub: HubPayment | undefined, f: FarEnds) {
  return {
    hubState: !hub ? 'absent' : hub.state === 'unknown' ? `unknown:${hub.stage}` : hub.state,
    gatewayState: joined([...times(f.charges.length, 'charged'), ...times(f.refunds.length, 'refunded')]),
    billerState: joined([...times(f.postings.length, 'posted'), ...times(f.reversals.length, 'reversed')]),
    hubFen: hub?.totalFen ?? null,
    gatewayFen: sum(f.charges) - sum(f.refunds),
    billerFen: sum(f.postings) - sum(f.reversals),
  };
}

/** Where an open payment stands: moving now, the resolver's, or stuck for a person. */
function pendingStatus(hub: HubPayment, t: Timing): FindingStatus {
  if (hub.lastEventId > t.eventMark) return 'in-flight';
  const age = t.now.getTime() - Date.parse(hub.updatedAt);
  if (age >= t.stuckMs) return 'needs-person';
  return hub.state === 'unknown' || age >= t.staleMs ? 'resolvable' : 'in-flight';
}

type Phase = 'charge' | 'post' | 'refund' | 'final';

function phaseOf(hub: HubPayment): Phase {
  if (isFinal(hub.state)) return 'final';
  if (hub.state === 'unknown') return hub.stage ?? 'charge';
  if (hub.state === 'paid' || hub.state === 'posting') return 'post';
  return hub.state === 'refunding' ? 'refund' : 'charge';
}

/** Every mismatch for one payment id (none when the three sides agree and the payment is final). */
export function classify(id: string, hub: HubPayment | undefined, f: FarEnds, t: Timing): Finding[] {
  const base = sides(hub, f);
  const out: Finding[] = [];
  const add = (
    kind: FindingKind,
    action: FindingAction,
    status: FindingStatus,
    note: string,
    reference: string | null = null,
  ) =>
    out.push({
      ...base,
      kind,
      paymentId: id,
      reference,
      billerId: hub?.billerId ?? null,
      action,
      status,
      note,
    });
  const chargeRef = f.charges[0]?.ref ?? null;
  const postingRef = f.postings[0]?.postingRef ?? null;
  const refundRef = f.refunds[0]?.ref ?? null;
  const netPostings = f.postings.length - f.reversals.length;

  if (!hub) {
    if (f.charges.length + f.refunds.length > 0)
      add(
        'unknown-order',
        base.gatewayFen > 0 ? 'refund' : 'investigate',
        'needs-person',
        'The gateway moved money for an order the hub does not know.',
        chargeRef ?? refundRef,
      );
    if (f.postings.length + f.reversals.length > 0)
      add(
        'unknown-serial',
        netPostings > 0 ? 'reverse' : 'investigate',
        'needs-person',
        'The biller holds a posting whose serial the hub does not know.',
        postingRef,
      );
    return out;
  }

  const phase = phaseOf(hub);
  const pending = pendingStatus(hub, t);
  // The hub's record contradicts a far end: nothing will fix it by itself, unless it moved as we read.
  const contradiction: FindingStatus = hub.lastEventId > t.eventMark ? 'in-flight' : 'needs-person';
  const refunds = hub.state === 'refunded' || phase === 'refund';
  // The far end is ahead of an open payment: the hub will catch up. For an `unknown` one this is
  // what the resolver will find, said once in its stuck-unknown finding.
  const found: FindingKind[] = [];
  const behind = (
    kind: FindingKind,
    action: FindingAction,
    note: string,
    reference: string | null = null,
  ) => {
    if (hub.state === 'unknown') found.push(kind);
    else add(kind, action, pending, note, reference);
  };

  // Never explained by timing: the far end did something twice or for another amount.
  if (f.charges.length > 1)
    add(
      'duplicate-charge',
      'refund-extra',
      'needs-person',
      `The gateway took the money ${f.charges.length} times; give back all but one.`,
      f.charges[1]!.ref,
    );
  if (f.refunds.length > 1)
    add(
      'duplicate-refund',
      'investigate',
      'needs-person',
      `The gateway refunded ${f.refunds.length} times.`,
      f.refunds[1]!.ref,
    );
  if (netPostings > 1)
    add(
      'duplicate-posting',
      'reverse',
      'needs-person',
      `The biller holds ${netPostings} postings; reverse all but one.`,
      f.postings[1]!.postingRef,
    );
  for (const l of [...f.charges, ...f.refunds])
    if (l.amountFen !== hub.totalFen)
      add(
        'amount-mismatch',
        'investigate',
        'needs-person',
        `The gateway's ${l.kind} is ${l.amountFen} fen; the payment is ${hub.totalFen} fen.`,
        l.ref,
      );
  for (const l of f.postings)
    if (l.amountFen !== hub.amountFen)
      add(
        'amount-mismatch',
        'investigate',
        'needs-person',
        `The biller posted ${l.amountFen} fen; the bills come to ${hub.amountFen} fen.`,
        l.postingRef,
      );

  // The gateway against the hub.
  const hubCharged = phase === 'post' || phase === 'refund' || (phase === 'final' && hub.state !== 'failed');
  if (f.charges.length > 0 && !hubCharged) {
    if (phase === 'charge')
      behind(
        'charged-not-paid',
        'resolve',
        'The gateway took the money; the hub has not learnt it yet (the resolver asks the gateway).',
        chargeRef,
      );
    else
      add(
        'charged-not-paid',
        base.gatewayFen > 0 ? 'refund' : 'investigate',
        contradiction,
        'The gateway took the money for a payment the hub failed.',
        chargeRef,
      );
  }
  if (f.charges.length === 0 && hubCharged)
    add('paid-not-charged', 'investigate', contradiction, 'The hub counts money the gateway never took.');
  if (hub.gatewayRef && f.charges.length > 0 && !f.charges.some((l) => l.ref === hub.gatewayRef))
    add(
      'reference-mismatch',
      'investigate',
      contradiction,
      `The hub's gateway reference ${hub.gatewayRef} is not on the gateway's statement.`,
      chargeRef,
    );

  // Refunds.
  if (hub.state === 'refunded' && f.refunds.length === 0)
    add(
      'refund-missing-at-gateway',
      'refund',
      contradiction,
      'The hub says refunded; the gateway has no refund.',
    );
  if (phase === 'refund' && f.refunds.length === 0)
    behind(
      'refund-missing-at-gateway',
      'refund',
      'The refund is under way (the settlement or the resolver).',
    );
  if (phase === 'refund' && f.refunds.length > 0)
    behind(
      'refund-not-at-hub',
      'resolve',
      'The gateway refunded; the hub has not learnt it yet (the resolver asks the gateway).',
      refundRef,
    );
  if (f.refunds.length > 0 && hub.state !== 'refunded' && phase !== 'refund')
    add(
      'refund-not-at-hub',
      'investigate',
      contradiction,
      'The gateway gave the money back but the hub does not count the payment refunded.',
      refundRef,
    );
  if (hub.state === 'refunded' && hub.refundRef && f.refunds.length > 0)
    if (!f.refunds.some((l) => l.ref === hub.refundRef))
      add(
        'reference-mismatch',
        'investigate',
        contradiction,
        `The hub's refund reference ${hub.refundRef} is not on the gateway's statement.`,
        refundRef,
      );

  // The biller against the hub.
  if (netPostings <= 0 && hub.state === 'posted')
    add('paid-not-posted', 'post', contradiction, 'The hub says posted; the biller has no posting.');
  if (netPostings <= 0 && phase === 'post')
    behind(
      'paid-not-posted',
      'post',
      'Posting is under way (the settlement or the resolver posts it, or refunds it).',
    );
  if (netPostings > 0 && phase === 'post')
    behind(
      'posted-not-at-hub',
      'resolve',
      'The biller posted; the hub has not learnt it yet (the resolver asks the biller).',
      postingRef,
    );
  if (netPostings > 0 && refunds)
    add(
      'posted-but-refunded',
      'reverse',
      contradiction,
      'The biller credited bills whose money the hub gives back.',
      postingRef,
    );
  if (netPostings > 0 && (phase === 'charge' || hub.state === 'failed'))
    add('posted-not-paid', 'reverse', contradiction, 'The biller credited a payment never paid.', postingRef);
  if (hub.state === 'posted' && hub.postingRef && netPostings > 0)
    if (!f.postings.some((l) => l.postingRef === hub.postingRef))
      add(
        'reference-mismatch',
        'investigate',
        contradiction,
        `The hub's posting reference ${hub.postingRef} is not on the biller's statement.`,
        postingRef,
      );

  // An open payment with nothing else to say about it.
  if (hub.state === 'unknown')
    out.unshift({
      ...base,
      kind: 'stuck-unknown',
      paymentId: id,
      reference: null,
      billerId: hub.billerId,
      action: 'resolve',
      status: pending,
      note:
        `An answer was lost at the ${hub.stage} stage; the resolver asks the far end` +
        (found.length ? ` and will find: ${found.join(', ')}.` : '.'),
    });
  else if (phase === 'charge' && out.length === 0)
    add(
      'unfinished',
      pending === 'in-flight' ? 'wait' : 'resolve',
      pending,
      'Not finished and no money has moved.',
    );
  return out;
}
