/** Message keys the flow looks up by value: a fee kind's name. */
import type { FeeKind } from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** The thirteen kinds in the order the grid shows them: the most paid first. */
export const FEE_KINDS: readonly FeeKind[] = [
  'water',
  'electricity',
  'gas',
  'heating',
  'property',
  'mobile',
  'landline',
  'broadband',
  'cable-tv',
  'sanitation',
  'parking',
  'social-insurance',
  'traffic-fine',
];

export const kindKeys = Object.fromEntries(
  FEE_KINDS.map((kind) => [kind, `bill.kind.${kind}` as MessageKey]),
) as Record<FeeKind, MessageKey>;
