/**
 * The services this kiosk offers, in the order the home screen shows them. A
 * service appears here when its flow is built, never before: no placeholders.
 * Paying bills comes first: it is what most residents come to a kiosk for.
 */
import { billPaymentFlow } from './bill-payment/index.ts';
import type { FlowDefinition } from './flow.ts';
import { kioskGuideFlow } from './kiosk-guide/index.ts';

export const registeredFlows: readonly FlowDefinition[] = [billPaymentFlow(), kioskGuideFlow];
