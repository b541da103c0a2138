/**
 * Two services that exist only for the shell's browser tests, so the session's
 * journey (home → a flow → done, cancelled or idle) can be walked before any
 * real service is built:
 *
 *   fixture-account  name (letter keypad) → number (number keypad) → confirm → done
 *                    Cancel on every step goes back to the service tiles.
 *   fixture-id       needs the ID card reader, so without one its tile says it is unavailable.
 *
 * Their words are added to the kiosk's message tables at load, so they follow
 * the language switch like a real service's.
 */
import { type AnyActorRef, assign, setup } from 'xstate';
import { BigButton } from '../../../kiosk-ui/src/components/big-button/index.tsx';
import { NumericKeypad } from '../../../kiosk-ui/src/components/numeric-keypad/index.tsx';
import { StepIndicator } from '../../../kiosk-ui/src/components/step-indicator/index.tsx';
import { TextKeypad } from '../../../kiosk-ui/src/components/text-keypad/index.tsx';
import type {
  FlowDefinition,
  FlowInput,
  FlowOutput,
  FlowStateMeta,
} from '../../../kiosk-ui/src/flows/flow.ts';
import { type MessageKey, t } from '../../../kiosk-ui/src/i18n/index.ts';
import { en } from '../../../kiosk-ui/src/i18n/messages/en.ts';
import { zhCN } from '../../../kiosk-ui/src/i18n/messages/zh-CN.ts';
import { useSelector } from '../../../kiosk-ui/src/lib/use-actor.ts';
import styles from './fixture-flows.module.css';

const words = {
  'fixture.account.title': ['查询账户', 'Look up an account'],
  'fixture.account.note': ['输入姓名和手机号码查询', 'Enter a name and a phone number'],
  'fixture.id.title': ['刷身份证办理', 'Services with your ID card'],
  'fixture.id.note': ['需要身份证阅读器', 'Needs the ID card reader'],
  'fixture.id.prompt': ['请把身份证放在读卡区', 'Place your ID card on the reader'],
  'fixture.step.name': ['姓名', 'Name'],
  'fixture.step.number': ['号码', 'Number'],
  'fixture.step.confirm': ['确认', 'Confirm'],
  'fixture.name.title': ['请输入姓名', 'Enter the name'],
  'fixture.name.label': ['姓名拼音', 'Name in pinyin'],
  'fixture.number.title': ['请输入手机号码', 'Enter the phone number'],
  'fixture.number.label': ['手机号码', 'Phone number'],
  'fixture.confirm.title': ['请核对您的信息', 'Please check your details'],
  'fixture.next': ['下一步', 'Next'],
  'fixture.cancel': ['取消', 'Cancel'],
  'fixture.confirm': ['确认办理', 'Confirm'],
} as const;

type FixtureKey = keyof typeof words;

// The message tables are plain objects; a test service's words join them as a real service's would.
for (const [key, [zh, english]] of Object.entries(words)) {
  (zhCN as unknown as Record<string, string>)[key] = zh;
  (en as Record<string, string>)[key] = english;
}

/** A fixture word as a message key, so `t()` and the shell's tiles take it. */
const k = (key: FixtureKey) => key as unknown as MessageKey;
const say = (key: FixtureKey) => t(k(key));

interface AccountContext {
  name: string;
  number: string;
}

type AccountEvent =
  | { type: 'user.typeName'; value: string }
  | { type: 'user.typeNumber'; value: string }
  | { type: 'user.next' }
  | { type: 'user.confirm' }
  | { type: 'user.cancel' };

const screen = (name: 'name' | 'number' | 'confirm'): FlowStateMeta => ({ screen: name });

export const accountMachine = setup({
  types: {
    context: {} as AccountContext,
    events: {} as AccountEvent,
    input: {} as FlowInput,
    output: {} as FlowOutput,
  },
  guards: {
    hasName: ({ context }) => context.name.trim().length > 0,
    hasNumber: ({ context }) => context.number.length === 11,
  },
}).createMachine({
  id: 'fixture-account',
  context: { name: '', number: '' },
  initial: 'name',
  on: { 'user.cancel': '.home' },
  states: {
    name: {
      meta: screen('name'),
      on: {
        'user.typeName': { actions: assign({ name: ({ event }) => event.value }) },
        'user.next': { guard: 'hasName', target: 'number' },
      },
    },
    number: {
      meta: screen('number'),
      on: {
        'user.typeNumber': { actions: assign({ number: ({ event }) => event.value }) },
        'user.next': { guard: 'hasNumber', target: 'confirm' },
      },
    },
    confirm: {
      meta: screen('confirm'),
      on: { 'user.confirm': 'done' },
    },
    done: { type: 'final', output: { outcome: 'done' } },
    home: { type: 'final', output: { outcome: 'home' } },
  },
  // The final state's output is the flow's output, as the session machine reads it.
  output: ({ event }) => (event as unknown as { output: FlowOutput }).output,
});

const steps = () => [say('fixture.step.name'), say('fixture.step.number'), say('fixture.step.confirm')];

function AccountView({ actor }: { actor: AnyActorRef }) {
  const state = useSelector(actor, (s) => s.value as string);
  const { name, number } = useSelector(actor, (s) => s.context as AccountContext);
  const send = (event: AccountEvent) => actor.send(event);
  const cancel = (
    <BigButton variant="secondary" action="cancel" onPress={() => send({ type: 'user.cancel' })}>
      {say('fixture.cancel')}
    </BigButton>
  );
  if (state === 'name' || state === 'number') {
    const onName = state === 'name';
    return (
      <section class={styles.flow} aria-labelledby="fixture-title" data-step={state}>
        <div class={styles.side}>
          <StepIndicator steps={steps()} current={onName ? 1 : 2} />
          <div class={styles.head}>
            <h1 id="fixture-title" class={styles.title}>
              {say(onName ? 'fixture.name.title' : 'fixture.number.title')}
            </h1>
            <div class={styles.actions}>
              {cancel}
              <BigButton
                action="next"
                disabled={onName ? name.trim() === '' : number.length !== 11}
                onPress={() => send({ type: 'user.next' })}
              >
                {say('fixture.next')}
              </BigButton>
            </div>
          </div>
        </div>
        {onName ? (
          <TextKeypad
            value={name}
            maxLength={20}
            label={say('fixture.name.label')}
            onChange={(value) => send({ type: 'user.typeName', value })}
          />
        ) : (
          <NumericKeypad
            value={number}
            maxLength={11}
            label={say('fixture.number.label')}
            onChange={(value) => send({ type: 'user.typeNumber', value })}
          />
        )}
      </section>
    );
  }
  return (
    <section class={styles.flow} aria-labelledby="fixture-title" data-step="confirm">
      <div class={styles.side}>
        <StepIndicator steps={steps()} current={3} />
        <h1 id="fixture-title" class={styles.title}>
          {say('fixture.confirm.title')}
        </h1>
        <dl class={styles.summary}>
          <dt>{say('fixture.name.label')}</dt>
          <dd data-value="name">{name}</dd>
          <dt>{say('fixture.number.label')}</dt>
          <dd data-value="number">{number}</dd>
        </dl>
        <div class={styles.actions}>
          {cancel}
          <BigButton action="confirm" onPress={() => send({ type: 'user.confirm' })}>
            {say('fixture.confirm')}
          </BigButton>
        </div>
      </div>
    </section>
  );
}

export const idMachine = setup({
  types: {
    events: {} as { type: 'user.cancel' },
    input: {} as FlowInput,
    output: {} as FlowOutput,
  },
}).createMachine({
  id: 'fixture-id',
  initial: 'waitingForCard',
  states: {
    waitingForCard: {
      meta: { screen: 'insert-card' } satisfies FlowStateMeta,
      on: { 'user.cancel': 'home' },
    },
    home: { type: 'final' },
  },
  output: { outcome: 'home' },
});

function IdView({ actor }: { actor: AnyActorRef }) {
  return (
    <section class={styles.flow} aria-labelledby="fixture-title" data-step="insert-card">
      <div class={styles.side}>
        <h1 id="fixture-title" class={styles.title}>
          {say('fixture.id.prompt')}
        </h1>
        <div class={styles.actions}>
          <BigButton variant="secondary" action="cancel" onPress={() => actor.send({ type: 'user.cancel' })}>
            {say('fixture.cancel')}
          </BigButton>
        </div>
      </div>
    </section>
  );
}

function AccountIcon() {
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="17" r="8" fill="none" stroke="currentColor" stroke-width="3" />
      <path d="M9 41c2-8 8-12 15-12s13 4 15 12" fill="none" stroke="currentColor" stroke-width="3" />
    </svg>
  );
}

function IdIcon() {
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true">
      <rect x="5" y="11" width="38" height="26" rx="3" fill="none" stroke="currentColor" stroke-width="3" />
      <circle cx="16" cy="23" r="4" fill="currentColor" />
      <path d="M26 20h11M26 27h8" stroke="currentColor" stroke-width="3" />
    </svg>
  );
}

export const fixtureFlows: readonly FlowDefinition[] = [
  {
    id: 'fixture-account',
    titleKey: k('fixture.account.title'),
    noteKey: k('fixture.account.note'),
    Icon: AccountIcon,
    needs: { hub: true },
    uses: { printer: true, cardReader: true },
    machine: accountMachine,
    View: AccountView,
  },
  {
    id: 'fixture-id',
    titleKey: k('fixture.id.title'),
    noteKey: k('fixture.id.note'),
    Icon: IdIcon,
    needs: { hub: true, devices: ['id-reader'] },
    machine: idMachine,
    View: IdView,
  },
];
