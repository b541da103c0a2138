import type { FlowDefinition } from '../flow.ts';
import { type BillPaymentClient, httpBillPaymentClient } from './bill-payment.client.ts';
import { createBillPaymentMachine } from './bill-payment.machine.ts';
import { BillPaymentIcon } from './kind-icons.tsx';
import { BillPaymentView } from './view.tsx';

export type { BillPaymentClient } from './bill-payment.client.ts';

/**
 * Paying a utility bill (issue 7): water, electricity, gas and ten more kinds.
 * The client is the real one (agent and hub over HTTP) unless a test gives a fake.
 */
export function billPaymentFlow(client: BillPaymentClient = httpBillPaymentClient()): FlowDefinition {
  return {
    id: 'bill-payment',
    titleKey: 'bill.title',
    noteKey: 'bill.note',
    Icon: BillPaymentIcon,
    needs: { hub: true },
    uses: { printer: true, cardReader: true },
    machine: createBillPaymentMachine(client),
    View: BillPaymentView,
  };
}
