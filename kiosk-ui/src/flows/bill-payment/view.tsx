/** Renders the bill-payment flow's current screen (from its state meta) and sends the resident's events. */
import type { AnyActorRef } from 'xstate';
import { BigButton } from '../../components/big-button/index.tsx';
import { Dialog } from '../../components/dialog/index.tsx';
import { StepIndicator } from '../../components/step-indicator/index.tsx';
import { t } from '../../i18n/index.ts';
import { useSelector } from '../../lib/use-actor.ts';
import type { FlowStateMeta } from '../flow.ts';
import type { BillPaymentContext, BillPaymentEvent } from './bill-payment.types.ts';
import styles from './style.module.css';
import { AccountView } from './views/account-view.tsx';
import { BillsView, NoBillsView } from './views/bills-view.tsx';
import { BillerView, KindView } from './views/choose-views.tsx';
import type { ScreenProps } from './views/parts.tsx';
import { PayCardView, PayCodeView, PayQrView } from './views/pay-views.tsx';
import { MethodView, QuoteView } from './views/quote-view.tsx';
import { FailedView, PaidView, RefundedView, UnknownView } from './views/result-views.tsx';
import { ErrorView, PayErrorView, ProgressView, WaitingView } from './views/status-views.tsx';

/** Which of the five steps each screen belongs to. */
const stepOf: Record<string, number> = {
  loading: 1,
  kind: 1,
  biller: 1,
  account: 2,
  'looking-up': 2,
  'no-bills': 3,
  bills: 3,
  quoting: 3,
  quote: 3,
  checking: 4,
  method: 4,
  'pay-qr': 4,
  'pay-code': 4,
  'pay-card': 4,
  'reading-card': 4,
  'take-card': 4,
  paying: 4,
  'pay-error': 4,
  waiting: 4,
  leaving: 4,
};

/** Screens several states share (the error screen) take the step of the state that failed. */
const stepOfState: Record<string, number> = { catalog: 1, lookup: 2, quote: 3, cardFailed: 4, payRefused: 4 };

interface Shown {
  screen: string;
  /** The top-level state, for screens shared by several states (the error screen). */
  state: string;
  context: BillPaymentContext;
}

function shownOf(snapshot: {
  value: unknown;
  context: unknown;
  getMeta(): Record<string, FlowStateMeta | undefined>;
}): Shown {
  const screens = Object.values(snapshot.getMeta()).map((m) => m?.screen);
  const screen = screens.filter(Boolean).pop() ?? 'loading';
  const value = snapshot.value;
  const state = typeof value === 'string' ? value : (Object.keys(value as object)[0] ?? '');
  return { screen, state, context: snapshot.context as BillPaymentContext };
}

export function BillPaymentView({ actor }: { actor: AnyActorRef }) {
  const { screen, state, context } = useSelector(actor, shownOf);
  const send = (event: BillPaymentEvent) => actor.send(event);
  const props: ScreenProps = { context, send };
  const steps = [
    t('bill.step.kind'),
    t('bill.step.account'),
    t('bill.step.bills'),
    t('bill.step.pay'),
    t('bill.step.done'),
  ];
  return (
    <section class={styles.flow} data-bill-screen={screen} aria-label={t('bill.title')}>
      <div class={styles.steps}>
        <StepIndicator steps={steps} current={stepOf[screen] ?? stepOfState[state] ?? 5} />
      </div>
      <Screen screen={screen} state={state} {...props} />
      <Dialog
        open={context.helpOpen}
        title={t('bill.help.title')}
        onDismiss={() => send({ type: 'user.closeHelp' })}
        actions={
          <BigButton action="close-help" autoFocus onPress={() => send({ type: 'user.closeHelp' })}>
            {t('bill.help.close')}
          </BigButton>
        }
      >
        <p class={styles.text}>{t('bill.help.text')}</p>
        <p class={styles.hotline}>12345</p>
      </Dialog>
    </section>
  );
}

function Screen({ screen, state, ...props }: ScreenProps & { screen: string; state: string }) {
  switch (screen) {
    case 'kind':
      return <KindView {...props} />;
    case 'biller':
      return <BillerView {...props} />;
    case 'account':
      return <AccountView {...props} />;
    case 'bills':
      return <BillsView {...props} />;
    case 'no-bills':
      return <NoBillsView {...props} />;
    case 'quote':
      return <QuoteView {...props} />;
    case 'method':
      return <MethodView {...props} />;
    case 'pay-qr':
      return <PayQrView {...props} />;
    case 'pay-code':
      return <PayCodeView {...props} />;
    case 'pay-card':
      return <PayCardView {...props} />;
    case 'waiting':
      return <WaitingView {...props} />;
    case 'error':
      return <ErrorView {...props} failed={state} />;
    case 'pay-error':
      return <PayErrorView {...props} />;
    case 'done':
      return <PaidView {...props} paper />;
    case 'e-receipt':
      return <PaidView {...props} paper={false} />;
    case 'refunded':
      return <RefundedView {...props} />;
    case 'failed':
      return <FailedView {...props} />;
    case 'unknown':
      return <UnknownView {...props} />;
    default:
      return <ProgressView screen={screen} />;
  }
}
