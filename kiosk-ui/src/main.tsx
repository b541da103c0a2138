/**
 * The kiosk UI's entry: link to the agent on our own origin and show the home
 * screen. The UI never talks to the hub; the agent is its whole world.
 */
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { agentEventsUrl } from './agent/agent-socket.ts';
import { defaultLocale, setLocale, t } from './i18n/index.ts';
import { useActor } from './lib/use-actor.ts';
import { agentLinkMachine, selectAgentLinkView } from './machines/agent-link.machine.ts';
import { HomeScreen } from './screens/home/index.tsx';
import { OutOfServiceScreen } from './screens/out-of-service/index.tsx';
import './styles/global.css';

function App({ eventsUrl }: { eventsUrl: string }) {
  const [snapshot, actor] = useActor(agentLinkMachine, { input: { url: eventsUrl } });
  const link = selectAgentLinkView(snapshot);
  const screen = link.outOfService ? 'out-of-service' : 'home';
  // The agent reports the screen in its heartbeat, so a maintainer sees what residents see.
  useEffect(() => {
    if (link.connected) actor.send({ type: 'screen.report', screen });
  }, [screen, link.connected, actor]);
  if (link.outOfService) return <OutOfServiceScreen kiosk={link.kiosk} kioskId={link.kioskId} />;
  return <HomeScreen link={link} agentVersion={snapshot.context.agentVersion} />;
}

setLocale(defaultLocale);
document.title = t('app.title');
const root = document.getElementById('app');
if (root) render(<App eventsUrl={agentEventsUrl(location)} />, root);
