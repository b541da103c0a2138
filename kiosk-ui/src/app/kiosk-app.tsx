/**
 * The kiosk shell: the agent link, the resident's session, and the screen
 * that belongs to the session's state. Components only render and send events;
 * the two machines decide.
 */
import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import { ControlBar } from '../components/control-bar/index.tsx';
import { LiveAnnouncer } from '../components/live-announcer/index.tsx';
import { ScreenFrame } from '../components/screen-frame/index.tsx';
import type { FlowDefinition } from '../flows/flow.ts';
import { serviceOffer } from '../flows/offer.ts';
import { setLocale, t } from '../i18n/index.ts';
import { shallowEqual, useActorRef, useSelector } from '../lib/use-actor.ts';
import { agentLinkMachine, selectAgentLinkView } from '../machines/agent-link.machine.ts';
import {
  isAskingStillThere,
  type SessionInput,
  type SessionSnapshot,
  sessionMachine,
  shellScreen,
} from '../machines/session.machine.ts';
import { AttractScreen } from '../screens/attract/index.tsx';
import { FarewellScreen } from '../screens/farewell/index.tsx';
import { announceHub, HomeScreen } from '../screens/home/index.tsx';
import { OutOfServiceScreen } from '../screens/out-of-service/index.tsx';
import { StartingScreen } from '../screens/starting/index.tsx';
import { attractHighlights } from './attract-highlights.ts';
import { FlowHost } from './flow-host.tsx';
import { HelpDialog } from './help-dialog.tsx';
import { StillThereDialog } from './still-there-dialog.tsx';
import { usePresentation, useResidentActivity } from './use-presentation.ts';

export interface KioskAppProps extends Omit<SessionInput, 'flows'> {
  flows: readonly FlowDefinition[];
  /** `ws://<host>/agent/events` */
  eventsUrl: string;
}

/** The flow that places a hotline call, once registered: Help offers it. */
const HOTLINE_FLOW_ID = 'hotline-call';

export function KioskApp({ flows, eventsUrl, ...timing }: KioskAppProps) {
  const linkActor = useActorRef(agentLinkMachine, { input: { url: eventsUrl } });
  // The link's view, not its snapshot: each screen report to the agent is a transition of the link.
  const link = useSelector(linkActor, selectAgentLinkView, shallowEqual);
  const agentVersion = useSelector(linkActor, (s) => s.context.agentVersion);
  // Not the whole snapshot: a touch restarts the idle timer (a transition) and must not re-render the
  // shell; the selectors below re-render it when what it shows changes.
  const session = useActorRef(sessionMachine, { input: { flows, ...timing } });
  const screen = useSelector(session, shellScreen);
  // Only what the shell shows: a screen's report (its idle time) changes the context but not this.
  const context = useSelector(session, shellContext, shallowEqual);
  const stillThere = useSelector(session, isAskingStillThere);
  const flowActor = useSelector(session, (s) => s.children.flow);

  useEffect(() => {
    session.send({
      type: 'link.changed',
      link: { hub: link.hub, devices: link.devices, outOfService: link.outOfService },
    });
  }, [session, link.hub, link.devices, link.outOfService]);

  // Scans, cards and the handset go to the running flow; an agent that ended the session ends the visit.
  useEffect(() => {
    const device = linkActor.on('device.event', ({ event }) => session.send({ type: 'device.event', event }));
    const ended = linkActor.on('session.ended', ({ sessionId }) =>
      session.send({ type: 'agent.sessionEnded', sessionId }),
    );
    return () => {
      device.unsubscribe();
      ended.unsubscribe();
    };
  }, [linkActor, session]);

  // The language is set before anything below renders, so every t() speaks it.
  setLocale(context.locale);
  usePresentation(context);
  useResidentActivity(session);

  const report = useCallback(
    (name: string, idleSeconds?: number, locked?: boolean) => {
      session.send({ type: 'screen.shown', screen: name, idleSeconds, locked });
      linkActor.send({ type: 'screen.report', screen: name });
    },
    [session, linkActor],
  );
  useEffect(() => {
    if (screen !== 'flow') report(screen);
  }, [screen, report]);
  // A reconnected agent hears again what is showing, and the socket rejoins the resident's session
  // (the agent refuses an id that is not its current session).
  useEffect(() => {
    if (!link.connected) return;
    const { screen: showing, sessionId } = session.getSnapshot().context;
    linkActor.send({ type: 'screen.report', screen: showing });
    if (sessionId) linkActor.send({ type: 'session.join', sessionId });
  }, [link.connected]);

  // Worded in the session's language; worked out only while the attract loop shows.
  const onAttract = screen === 'attract';
  const highlights = useMemo(
    () => (onAttract ? attractHighlights(flows) : []),
    [flows, context.locale, onAttract],
  );
  // Stable while the link is unchanged, so the memoised home screen skips the renders of taps
  // that change nothing it shows (help, contrast, the idle question).
  const linkHub = link.connected ? link.hub : null;
  const linkPicture = useMemo(() => ({ hub: linkHub, devices: link.devices }), [linkHub, link.devices]);
  const chooseService = useCallback(
    (flowId: string) => session.send({ type: 'user.chooseService', flowId }),
    [session],
  );
  const hotline = flows.find((f) => f.id === HOTLINE_FLOW_ID);
  const canCall =
    hotline !== undefined && screen !== 'out-of-service' && serviceOffer(hotline, linkPicture).available;
  const runningFlow = screen === 'flow' ? flows.find((f) => f.id === context.flowId) : undefined;
  const inSession = screen === 'home' || screen === 'flow';

  const contextNow = useRef(context);
  contextNow.current = context;
  // One set of handlers for the app's life, so the memoised bars and dialogs skip the renders of
  // taps that change nothing they show.
  const on = useMemo(
    () => ({
      language: () =>
        session.send({
          type: 'user.setLocale',
          locale: contextNow.current.locale === 'zh-CN' ? 'en' : 'zh-CN',
        }),
      largeText: () => session.send({ type: 'user.toggleLargeText' }),
      contrast: () => session.send({ type: 'user.toggleContrast' }),
      help: () => session.send({ type: 'user.openHelp' }),
      closeHelp: () => session.send({ type: 'user.closeHelp' }),
      home: () => session.send({ type: 'user.home' }),
      finish: () => session.send({ type: 'user.finish' }),
      start: () => session.send({ type: 'user.start' }),
      continue: () => session.send({ type: 'user.continue' }),
      callNow: () => {
        session.send({ type: 'user.closeHelp' });
        session.send({ type: 'user.chooseService', flowId: HOTLINE_FLOW_ID });
      },
    }),
    [session],
  );
  const controls = (
    <ControlBar
      inSession={inSession && !context.locked}
      inFlow={screen === 'flow' && !context.locked}
      largeText={context.largeText}
      highContrast={context.highContrast}
      otherLocale={context.locale === 'zh-CN' ? 'en' : 'zh-CN'}
      locale={context.locale}
      onLanguage={on.language}
      onLargeText={on.largeText}
      onContrast={on.contrast}
      onHelp={on.help}
      onHome={on.home}
      onFinish={on.finish}
    />
  );
  // The small print is for maintainers; in large text the resident's screen needs the room.
  const footer =
    screen === 'home' && link.kioskId && !context.largeText ? (
      <>
        <span>{t('home.kioskId', { id: link.kioskId })}</span>
        {agentVersion && <span>{t('home.version', { version: agentVersion })}</span>}
      </>
    ) : null;

  return (
    <>
      <ScreenFrame screen={screen} kiosk={link.kiosk} controls={controls} footer={footer}>
        {screen === 'attract' && <AttractScreen highlights={highlights} onStart={on.start} />}
        {screen === 'starting' && <StartingScreen />}
        {screen === 'home' && (
          <HomeScreen
            flows={flows}
            connected={link.connected}
            link={linkPicture}
            largeText={context.largeText}
            locale={context.locale}
            onChoose={chooseService}
          />
        )}
        {runningFlow && flowActor && <FlowHost flow={runningFlow} actor={flowActor} onScreen={report} />}
        {screen === 'farewell' && <FarewellScreen reason={context.endReason} onAgain={on.start} />}
        {screen === 'out-of-service' && <OutOfServiceScreen kioskId={link.kioskId} />}
      </ScreenFrame>
      <StillThereDialog
        open={stillThere}
        countdownMs={context.countdownMs}
        onContinue={on.continue}
        onFinish={on.finish}
      />
      <HelpDialog
        open={context.helpOpen && !stillThere}
        onClose={on.closeHelp}
        onCallNow={canCall ? on.callNow : undefined}
      />
      <LiveAnnouncer message={announcement(screen, stillThere, link.connected ? link.hub : null)} />
    </>
  );
}

/** The part of the session's context the shell renders from. */
function shellContext({ context: c }: SessionSnapshot) {
  return {
    locale: c.locale,
    largeText: c.largeText,
    highContrast: c.highContrast,
    locked: c.locked,
    flowId: c.flowId,
    endReason: c.endReason,
    countdownMs: c.countdownMs,
    helpOpen: c.helpOpen,
  };
}

/** What the live region says: the screen that came up, and on home how the service centre is. */
function announcement(screen: string, stillThere: boolean, hub: Parameters<typeof announceHub>[0]): string {
  if (stillThere) return t('stillThere.title');
  if (screen === 'attract') return t('announce.attract');
  if (screen === 'farewell') return t('announce.farewell');
  if (screen === 'home') return `${t('announce.home')}。${announceHub(hub)}`;
  return '';
}
